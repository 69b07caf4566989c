// Writes captures/igmp.pcap: the IGMP a lab host and its router exchange
// when the host joins multicast groups (mDNS, SSDP): IGMPv1 and v2 reports,
// v2 general and group-specific queries and a leave, IGMPv3 queries (with
// sources, and a maximum response time in its exponential form) and v3
// reports with several group records, each with the Router Alert option
// RFC 2236 and 3376 ask for; a report with a bad checksum; an unassigned type;
// RFC 988's version 0; multicast traceroute. Its tshark
// output is the CLI golden cases *-igmp (node scripts/record-goldens.mjs
// --set cli). From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-igmp-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { checksum, ethernet, packets } from '../../../../test/support/frame-builders.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'igmp.pcap');

const HOST = [192, 168, 1, 20];
const ROUTER = [192, 168, 1, 1];
const ALL_HOSTS = [224, 0, 0, 1];
const ALL_ROUTERS = [224, 0, 0, 2];
const IGMPV3_ROUTERS = [224, 0, 0, 22];
const MDNS = [224, 0, 0, 251];
const SSDP = [239, 255, 255, 250];


/** IPv4 with the Router Alert option (TTL 1, protocol 2) around an IGMP message whose checksum is filled in (or broken). */
function igmp(src: number[], dst: number[], message: number[], badChecksum = false): Uint8Array {
  const m = [...message];
  const sum = checksum(m) ^ (badChecksum ? 0x1111 : 0);
  m[2] = sum >> 8;
  m[3] = sum & 0xff;
  return withRouterAlert(src, dst, m);
}

/** IPv4 with the Router Alert option (TTL 1, protocol 2) around the bytes as they are. */
function withRouterAlert(src: number[], dst: number[], m: number[]): Uint8Array {
  const total = 24 + m.length;
  const h = [0x46, 0xc0, total >> 8, total & 0xff, 0, 0, 0x40, 0, 1, 2, 0, 0, ...src, ...dst, 0x94, 0x04, 0, 0];
  const hsum = checksum(h);
  h[10] = hsum >> 8;
  h[11] = hsum & 0xff;
  const macs = { src: [0x02, 0, 0, 0, 0, src[3]!], dst: [0x01, 0x00, 0x5e, dst[1]! & 0x7f, dst[2]!, dst[3]!] };
  return ethernet(0x0800, Uint8Array.from([...h, ...m]), macs);
}

const v2 = (type: number, maxResp: number, group: number[]): number[] => [type, maxResp, 0, 0, ...group];

/** A multicast traceroute header (30 hops, group, source, receiver, response address, TTL 64, query ID) and blocks. */
const mtrace = (type: number, blocks: number[][]): number[] => [
  type, 30, 0, 0, ...SSDP, 10, 0, 0, 1, ...HOST, ...ROUTER, 64, 0x01, 0x02, 0x03, ...blocks.flat(),
];
/** A traceroute response block: arrival time, in/out interfaces, previous router, counts, protocol, TTL, S bit and mask, code. */
const traceBlock = (protocol: number, code: number): number[] => [
  0xe0, 0, 0, 1, ...ROUTER, 192, 168, 2, 1, 10, 0, 0, 254, 0, 0, 0, 10, 0, 0, 0, 20, 0, 0, 0, 30, protocol, 1, 0x40 | 24, code,
];

/** An IGMPv0 message: type, code, checksum, identifier, group, access key (20 bytes). */
const v0 = (type: number, code: number, identifier: number, group: number[], key: number[]): number[] => [
  type, code, 0, 0, (identifier >>> 24) & 0xff, (identifier >>> 16) & 0xff, (identifier >>> 8) & 0xff, identifier & 0xff, ...group, ...key,
];

/** An IGMPv3 query: max response code, group, S flag and QRV, QQIC, sources. */
const v3Query = (maxRespCode: number, group: number[], sqrv: number, qqic: number, sources: number[][]): number[] => [
  0x11, maxRespCode, 0, 0, ...group, sqrv, qqic, 0, sources.length, ...sources.flat(),
];

/** An IGMPv3 report with group records (type, aux data words, group, sources). */
function v3Report(records: Array<{ type: number; group: number[]; sources: number[][]; aux?: number[] }>): number[] {
  const body = records.flatMap((r) => [r.type, (r.aux?.length ?? 0) / 4, 0, r.sources.length, ...r.group, ...r.sources.flat(), ...(r.aux ?? [])]);
  return [0x22, 0, 0, 0, 0, 0, 0, records.length, ...body];
}

const frames = [
  // IGMPv1 report (no Router Alert in v1, but hosts send it alike).
  igmp(HOST, SSDP, [0x12, 0, 0, 0, ...SSDP]),
  // IGMPv2: general query, report, group-specific query, leave.
  igmp(ROUTER, ALL_HOSTS, v2(0x11, 100, [0, 0, 0, 0])),
  igmp(HOST, MDNS, v2(0x16, 0, MDNS)),
  igmp(ROUTER, MDNS, v2(0x11, 10, MDNS)),
  igmp(HOST, ALL_ROUTERS, v2(0x17, 0, MDNS)),
  // IGMPv3: general query (QRV 2, QQIC 125), a group-and-source query with S set and an exponential max response code.
  igmp(ROUTER, ALL_HOSTS, v3Query(100, [0, 0, 0, 0], 0x02, 125, [])),
  igmp(ROUTER, SSDP, v3Query(0x8a, SSDP, 0x0a, 0x85, [[192, 168, 1, 5], [192, 168, 1, 6]])),
  // IGMPv3 reports: a join (exclude nothing), a leave, and sources allowed and blocked with aux data.
  igmp(HOST, IGMPV3_ROUTERS, v3Report([{ type: 4, group: MDNS, sources: [] }, { type: 4, group: SSDP, sources: [] }])),
  igmp(HOST, IGMPV3_ROUTERS, v3Report([{ type: 3, group: SSDP, sources: [] }])),
  igmp(HOST, IGMPV3_ROUTERS, v3Report([{ type: 5, group: [232, 1, 1, 1], sources: [[10, 0, 0, 1]] }, { type: 6, group: [232, 1, 1, 2], sources: [[10, 0, 0, 2], [10, 0, 0, 3]], aux: [1, 2, 3, 4] }, { type: 1, group: [232, 1, 1, 3], sources: [] }, { type: 2, group: [232, 1, 1, 4], sources: [] }])),
  // A v2 report with a bad checksum.
  igmp(HOST, MDNS, v2(0x16, 0, MDNS), true),
  // A type nobody assigned, with four bytes after its header and with nothing after its type byte (malformed:
  // its data item reaches "to the end" from the end).
  igmp(HOST, SSDP, [0x65, 0, 0, 0, 1, 2, 3, 4]),
  withRouterAlert(HOST, SSDP, [0x65]),
  // IGMPv0 (RFC 988): a create-group request for a private group, its reply (granted, with the group), a join
  // reply still pending (retry in 7 s), a join request (odd types have no code), type 0, and one cut short.
  igmp(HOST, ROUTER, v0(1, 1, 0x01020304, [0, 0, 0, 0], [1, 2, 3, 4, 5, 6, 7, 8])),
  igmp(ROUTER, HOST, v0(2, 0, 0x01020304, [232, 1, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8])),
  igmp(ROUTER, HOST, v0(4, 7, 0x01020305, [232, 1, 2, 3], [0, 0, 0, 0, 0, 0, 0, 0])),
  igmp(HOST, ROUTER, v0(3, 9, 0x01020305, [232, 1, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8])),
  igmp(HOST, ROUTER, v0(0, 0, 0, [0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0])),
  igmp(HOST, ROUTER, v0(1, 0, 0x01020306, [0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0]).slice(0, 12)),
  // Multicast traceroute: a query (the header alone), a request with one block, a response with two blocks (PIM,
  // then DVMRP with a forwarding code nobody named), and a response whose second block is cut short.
  igmp(HOST, ROUTER, mtrace(0x1f, [])),
  igmp(ROUTER, HOST, mtrace(0x1f, [traceBlock(3, 0x00)])),
  igmp(ROUTER, HOST, mtrace(0x1e, [traceBlock(3, 0x00), traceBlock(1, 0x42)])),
  igmp(ROUTER, HOST, mtrace(0x1e, [traceBlock(3, 0x06), traceBlock(3, 0x00).slice(0, 20)])),
];

const writer = await PcapWriter.open(out);
await writer.writeBatch(packets(frames, 1000));
await writer.close();
console.log(`wrote ${out}`);
