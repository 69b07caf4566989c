// Writes captures/icmp-quoted-udp.pcap: the ICMP errors a networks lab meets
// most, each quoting a UDP datagram: `dig` against a host with no DNS server
// (port unreachable, ICMPv4 and ICMPv6, quoting the whole query) and
// traceroute's probes (time exceeded, quoting the whole probe or only the
// 8 bytes after the IP header that RFC 792 asks for), and ICMPv6 errors whose
// RFC 4884 original datagram length runs past them (the extensions
// themselves: make-icmp-extensions-capture.ts), and errors cut short by the
// snapshot length in the datagram they quote. Its tshark output is
// the CLI golden cases *-icmp-quoted-udp (node scripts/record-goldens.mjs
// --set cli). From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-icmp-quoted-udp-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { ethernet, ipv4, ipv6, latin1, packets, udp, type Ip } from '../../../../test/support/frame-builders.js';
import { icmpv4Message, icmpv6Message } from './checksummed-messages.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'icmp-quoted-udp.pcap');

const CLIENT = [10, 0, 0, 2];
const SERVER = [10, 0, 0, 1];
const ROUTER = [10, 0, 0, 254];
const FAR = [192, 0, 2, 9];
const CLIENT6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
const SERVER6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

/** A DNS query for `name` (type A, recursion desired). */
function dnsQuery(id: number, name: string): Uint8Array {
  const qname: number[] = [];
  for (const label of name.split('.')) qname.push(label.length, ...latin1(label));
  return Uint8Array.from([id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, ...qname, 0, 0, 1, 0, 1]);
}


const ip4 = (src: Ip, dst: Ip, protocol: number, payload: Uint8Array, id = 1): Uint8Array => ipv4({ src, dst, protocol, id }, payload);

const query = ip4(CLIENT, SERVER, 17, udp(40000, 53, dnsQuery(0x1234, 'www.example.com')), 0x100);
// Linux traceroute's probe: 32 bytes counting up from '@'.
const probe = ip4(CLIENT, FAR, 17, udp(40001, 33435, Uint8Array.from({ length: 32 }, (_, i) => 0x40 + i)), 0x200);
const query6 = ipv6({ src: CLIENT6, dst: SERVER6, nextHeader: 17 }, udp(40002, 53, dnsQuery(0x5678, 'www.example.com')));

const frames = [
  ethernet(0x0800, query),
  // Port unreachable quoting the whole query.
  ethernet(0x0800, ip4(SERVER, CLIENT, 1, icmpv4Message(3, 3, [0, 0, 0, 0, ...query]), 0x101)),
  ethernet(0x0800, probe),
  // Time exceeded quoting the IP header and the first 8 bytes after it (the UDP header).
  ethernet(0x0800, ip4(ROUTER, CLIENT, 1, icmpv4Message(11, 0, [0, 0, 0, 0, ...probe.subarray(0, 28)]), 0x300)),
  // Time exceeded quoting the whole probe.
  ethernet(0x0800, ip4(ROUTER, CLIENT, 1, icmpv4Message(11, 0, [0, 0, 0, 0, ...probe]), 0x301)),
  // Time exceeded with RFC 4884's length of the original datagram (32 words: the probe zero-padded to 128 bytes), as
  // routers that append ICMP extensions send it (here with none after it).
  ethernet(0x0800, ip4(ROUTER, CLIENT, 1, icmpv4Message(11, 0, [0, 32, 0, 0, ...probe, ...new Array<number>(128 - probe.length).fill(0)]), 0x302)),
  ethernet(0x86dd, query6),
  // ICMPv6 port unreachable (code 4) quoting the whole query.
  ethernet(0x86dd, ipv6({ src: SERVER6, dst: CLIENT6, nextHeader: 58 }, icmpv6Message(SERVER6, CLIENT6, 1, 4, [0, 0, 0, 0, ...query6]))),
  // RFC 4884's length of the original datagram (in 64-bit words) far longer than the message, which ends the
  // dissection where the extensions would start; 200, which Wireshark reads as a C char (-56 words back).
  ethernet(0x86dd, ipv6({ src: SERVER6, dst: CLIENT6, nextHeader: 58 }, icmpv6Message(SERVER6, CLIENT6, 3, 0, [100, 0, 0, 0, ...query6]))),
  ethernet(0x86dd, ipv6({ src: SERVER6, dst: CLIENT6, nextHeader: 58 }, icmpv6Message(SERVER6, CLIENT6, 1, 4, [200, 0, 0, 0, ...query6]))),
];

// Then frames cut by the snapshot length inside what they quote: inside the IPv4 header, inside the UDP header
// after it, and inside the quoted IPv6 header. The outermost quoted layer names the cut ("IPv4 truncated" for a
// cut UDP header), as call_dissector_work_error restores it.
const snapCuts: Array<[Uint8Array, number]> = [
  [frames[4]!, 14 + 20 + 8 + 10],
  [frames[4]!, 14 + 20 + 8 + 24],
  [frames[7]!, 14 + 40 + 8 + 20],
];
const records = packets([...frames, ...snapCuts.map(([f]) => f)], 1000);
snapCuts.forEach(([, caplen], i) => {
  const r = records[frames.length + i]!;
  r.caplen = caplen;
  r.bytes = r.bytes.subarray(0, caplen);
});
const writer = await PcapWriter.open(out);
await writer.writeBatch(records);
await writer.close();
console.log(`wrote ${out}`);
