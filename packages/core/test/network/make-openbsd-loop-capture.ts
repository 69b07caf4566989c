// Writes captures/openbsd-loop.pcap: OpenBSD's loopback (link type 108,
// DLT_LOOP), whose 4-byte address family is in network byte order whatever
// the host: a DNS query over IPv4 (AF_INET 2), UDP over IPv6 (OpenBSD's
// AF_INET6 24), a family nobody registered, an IP packet of version 1,
// and a header cut short. tshark
// 4.0 shows the encapsulation as "OpenBSD loopback" (frame.encap_type 174).
// Its tshark output is the CLI golden cases *-openbsd-loop (node
// scripts/record-goldens.mjs --set cli). From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-openbsd-loop-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { concat, ipv4, ipv6, latin1, packets, udp } from '../../../../test/support/frame-builders.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'openbsd-loop.pcap');
const LINKTYPE_LOOP = 108;
const LOCALHOST6 = [...new Array(15).fill(0), 1];

const family = (af: number): Uint8Array => Uint8Array.of(af >>> 24, (af >>> 16) & 0xff, (af >>> 8) & 0xff, af & 0xff);
// A DNS query for example.com, type A.
const query = Uint8Array.of(0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 7, ...latin1('example'), 3, ...latin1('com'), 0, 0, 1, 0, 1);

const frames = [
  concat(family(2), ipv4({ src: [127, 0, 0, 1], dst: [127, 0, 0, 1], protocol: 17, id: 1 }, udp(40000, 53, query))),
  concat(family(24), ipv6({ src: LOCALHOST6, dst: LOCALHOST6, nextHeader: 17 }, udp(40001, 9, latin1('discard me')))),
  concat(family(99), latin1('unknown family')),
  // AF_INET with an IP version of 1: dissect_ip's bogus-version item, Protocol "IP".
  concat(family(2), Uint8Array.of(0x15, 0, 0, 24, 0, 1, 0, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1, 0, 0, 0, 0)),
  Uint8Array.of(0, 0),
];

const writer = await PcapWriter.open(out, { linktype: LINKTYPE_LOOP });
await writer.writeBatch(packets(frames, 1000).map((p) => ({ ...p, linktype: LINKTYPE_LOOP })));
await writer.close();
console.log(`wrote ${out}`);
