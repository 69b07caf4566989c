// Writes captures/snaplen-cuts.pcap: frames the snapshot length cut short,
// where what tshark 4.0 shows depends on which read fails first. A UDP payload
// no port claims goes to the heuristics, whose first two (Wake-on-LAN from 102
// bytes, WireGuard from 4) read its first bytes; a UDP or TCP header quoted in
// an ICMP error and cut before its ports stays in frame.protocols (the cut is
// rethrown); ICMP timestamp messages cut in their times, extended echo replies
// in their sequence number; a Quick-Start option cut before its QS TTL; then
// frames of icmpv6-nd-options.pcap and tcp-options.pcap cut in their options,
// and an MLDv2 report cut in its multicast address record.
// Its tshark output is the CLI golden cases *-snaplen-cuts
// (node scripts/record-goldens.mjs --set cli). From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/transport/make-snaplen-cuts-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CaptureReader, PcapWriter } from '@netdissect/core';
import { concat, ethernet, ipv4, ipv6, packets, tcp, udp } from '../../../../test/support/frame-builders.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'snaplen-cuts.pcap');

const A = [10, 0, 0, 1];
const B = [10, 0, 0, 2];
const ROUTER = [10, 0, 0, 254];
const A6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const B6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
const HEADERS = 14 + 20 + 8;

const bytes = (n: number, f: (i: number) => number = (i) => (i * 7 + 1) & 0xff) => Uint8Array.from({ length: n }, (_, i) => f(i));
const datagram = (dport: number, payload: Uint8Array) => ethernet(0x0800, ipv4({ src: A, dst: B, protocol: 17, id: 1 }, udp(40001, dport, payload)));

/** An ICMP message of `type`/`code` after a router's IPv4 header. */
function icmp(type: number, code: number, rest: Uint8Array): Uint8Array {
  const head = Uint8Array.of(type, code, 0, 0, 0, 0, 0, 0);
  return ethernet(0x0800, ipv4({ src: ROUTER, dst: A, protocol: 1, id: 2 }, concat(head, rest)));
}

/** The IPv4 packet an ICMP error quotes: a header and the first bytes of its transport header. */
function quoted(protocol: number, transport: Uint8Array): Uint8Array {
  return ipv4({ src: A, dst: B, protocol, id: 3 }, transport);
}

// [frame, bytes kept of it]
const cuts: Array<[Uint8Array, number]> = [
  // Unclaimed UDP payloads: WireGuard's four bytes, Wake-on-LAN's six (and, after six 0xff, twelve).
  [datagram(9, bytes(4)), HEADERS + 1],
  [datagram(9, bytes(4)), HEADERS + 3],
  [datagram(9, bytes(4)), HEADERS + 4],
  [datagram(9, bytes(3)), HEADERS + 1],
  [datagram(9, bytes(148)), HEADERS + 2],
  [datagram(9, bytes(148)), HEADERS + 5],
  [datagram(9, bytes(110, (i) => (i < 6 ? 0xff : i))), HEADERS + 8],
  [datagram(9, bytes(110, (i) => (i < 6 ? 0xff : i))), HEADERS + 12],
  // A quoted UDP header and a quoted TCP header cut after 0 to 3 bytes, and after 4.
  ...[0, 1, 3, 4].map((n): [Uint8Array, number] => [icmp(3, 3, quoted(17, udp(40001, 9, bytes(4)))), 14 + 20 + 8 + 20 + n]),
  ...[0, 2, 4].map((n): [Uint8Array, number] => [icmp(3, 1, quoted(6, tcp({ sport: 40002, dport: 80, seq: 1, ack: 0, flags: 0x02 }))), 14 + 20 + 8 + 20 + n]),
  // An ICMP timestamp request cut in its originate and its transmit timestamp, and one whose IP length holds
  // only the originate timestamp, cut in it: the capture's cut comes first ("limited", not "malformed").
  [icmp(13, 0, bytes(12)), 14 + 20 + 8 + 2],
  [icmp(13, 0, bytes(12)), 14 + 20 + 8 + 10],
  [icmp(13, 0, bytes(4)), 14 + 20 + 8 + 2],
  // Extended echo replies (RFC 8335) cut in their sequence number: read without a tree too.
  [icmp(43, 0, new Uint8Array(0)), 14 + 20 + 6],
  [ethernet(0x86dd, ipv6({ src: A6, dst: B6, nextHeader: 58 }, Uint8Array.of(161, 0, 0, 0, 0, 1, 1, 0x06))), 14 + 40 + 6],
  // A Quick-Start rate request in IPv6 hop-by-hop options, cut after its command byte: the function and the rate
  // are shown, then the QS TTL is missing.
  [ethernet(0x86dd, ipv6({ src: A6, dst: B6, nextHeader: 0 }, concat(Uint8Array.of(17, 1, 0x26, 6, 0x05, 60, 0, 0, 0, 4, 1, 4, 0, 0, 0, 0), udp(40001, 9, bytes(4))))), 14 + 40 + 5],
];

// Neighbor discovery messages of the crafted ICMPv6 capture, cut where packet-icmpv6.c's order of reads shows:
// a route information option after its prefix length and after its flags (the preference already in the label),
// a redirected header option after its reserved bytes (the contained packet's item fails by its offset), a proxy
// signature option before its key hash, an echo request between its identifier and sequence number.
// Then a TCP header whose authentication option (TCP AO) is cut in its key ids: the option's items are checked
// without a tree too, so the frame ends before TCP's sequence analysis adds to Info.
async function framesOf(path: string): Promise<Uint8Array[]> {
  const frames: Uint8Array[] = [];
  const reader = await CaptureReader.open(path);
  for await (const p of reader.packets()) frames.push(p.bytes.slice());
  await reader.close();
  return frames;
}
const nd = await framesOf(join(dirname(out), '..', '..', 'network', 'captures', 'icmpv6-nd-options.pcap'));
for (const [frame, keep] of [[7, 73], [7, 76], [4, 104], [29, 80], [21, 60]] as const) cuts.push([nd[frame - 1]!, keep]);
const tcpOptions = await framesOf(join(dirname(out), 'tcp-options.pcap'));
cuts.push([tcpOptions[13]!, 56]);
// An MLDv2 report (built here like the corpus's v6-http.pcap frame 4: hop-by-hop router alert, one record) cut after
// its record type, in its number of sources and in its multicast address.
const mldv2 = ethernet(0x86dd, ipv6({ src: A6, dst: [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x16], nextHeader: 0 }, concat(
  Uint8Array.of(58, 0, 0x05, 0x02, 0, 0, 0x01, 0x00),
  Uint8Array.of(143, 0, 0, 0, 0, 0, 0, 1, 4, 0, 0, 0, 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfb),
)));
for (const keep of [14 + 40 + 8 + 8 + 1, 14 + 40 + 8 + 8 + 3, 14 + 40 + 8 + 8 + 10]) cuts.push([mldv2, keep]);

const records = packets(cuts.map(([frame]) => frame), 1000);
records.forEach((r, i) => {
  r.caplen = cuts[i]![1];
  r.bytes = r.bytes.subarray(0, r.caplen);
});
const writer = await PcapWriter.open(out);
await writer.writeBatch(records);
await writer.close();
console.log(`wrote ${out}`);
