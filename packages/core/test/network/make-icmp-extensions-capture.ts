// Writes captures/icmp-extensions.pcap: ICMP errors carrying RFC 4884
// multi-part extensions, as traceroute meets them on routers inside an MPLS
// network (RFC 4950 label stacks) or that name their interfaces (RFC 5837),
// over IPv4 and IPv6, with and without RFC 4884's original datagram length,
// and damaged ones (a bad checksum, an unsupported version, objects with a
// bad or overlong length, unknown classes). Also RFC 8335's extended echo
// request and reply (ICMP and ICMPv6) with its interface identification
// objects. Its tshark output is
// the CLI golden cases *-icmp-extensions (node scripts/record-goldens.mjs
// --set cli). From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-icmp-extensions-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { checksum, ethernet, ipv4, ipv6, latin1, packets, udp, type Ip } from '../../../../test/support/frame-builders.js';
import { icmpv4Message, icmpv6Message, udp6Datagram } from './checksummed-messages.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'icmp-extensions.pcap');

const CLIENT = [10, 0, 0, 2];
const ROUTER = [10, 0, 0, 254];
const FAR = [192, 0, 2, 9];
const CLIENT6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
const ROUTER6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfe];
const FAR6 = [0x20, 0x01, 0x0d, 0xb8, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9];

const ip4 = (src: Ip, dst: Ip, protocol: number, payload: Uint8Array, id = 1): Uint8Array => ipv4({ src, dst, protocol, id }, payload);

/** An extension object: length (header included unless given), class, C-Type, body. */
function object(classNum: number, cType: number, body: readonly number[], length = body.length + 4): number[] {
  return [length >> 8, length & 0xff, classNum, cType, ...body];
}

/** The extension structure: version 2 header with its checksum (or the one given), then the objects. */
function extensions(objects: readonly number[][], { version = 2, sum }: { version?: number; sum?: number } = {}): number[] {
  const bytes = [version << 4, 0, 0, 0, ...objects.flat()];
  const s = sum ?? checksum(bytes);
  bytes[2] = s >> 8;
  bytes[3] = s & 0xff;
  return bytes;
}

/** An MPLS label stack entry: label, traffic class ("Exp"), bottom of stack, TTL. */
function label(value: number, exp: number, bottom: boolean, ttl: number): number[] {
  return [(value >> 12) & 0xff, (value >> 4) & 0xff, ((value & 0xf) << 4) | (exp << 1) | (bottom ? 1 : 0), ttl];
}

/** Interface information (RFC 5837): role and which sub-objects follow, in the C-Type. */
function interfaceInformation(role: number, parts: { ifIndex?: number; ipv4?: number[]; ipv6?: number[]; name?: string; mtu?: number }): number[] {
  const cType = (role << 6) | (parts.ifIndex !== undefined ? 8 : 0) | (parts.ipv4 || parts.ipv6 ? 4 : 0) | (parts.name !== undefined ? 2 : 0) | (parts.mtu !== undefined ? 1 : 0);
  const body: number[] = [];
  const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
  if (parts.ifIndex !== undefined) body.push(...u32(parts.ifIndex));
  if (parts.ipv4) body.push(0, 1, 0, 0, ...parts.ipv4);
  if (parts.ipv6) body.push(0, 2, 0, 0, ...parts.ipv6);
  if (parts.name !== undefined) {
    // The length counts itself; the sub-object is padded to a multiple of 4.
    const n = Math.ceil((parts.name.length + 1) / 4) * 4;
    body.push(n, ...latin1(parts.name), ...new Array<number>(n - 1 - parts.name.length).fill(0));
  }
  if (parts.mtu !== undefined) body.push(...u32(parts.mtu));
  return object(2, cType, body);
}

// Linux traceroute's probe: 32 bytes counting up from '@'.
const probe = ip4(CLIENT, FAR, 17, udp(40001, 33435, Uint8Array.from({ length: 32 }, (_, i) => 0x40 + i)), 0x200);
/** The probe zero-padded to 128 bytes, as RFC 4884 asks when extensions follow. */
const padded = [...probe, ...new Array<number>(128 - probe.length).fill(0)];
const probe6 = ipv6({ src: CLIENT6, dst: FAR6, nextHeader: 17 }, udp6Datagram(CLIENT6, FAR6, 40002, 33435, Uint8Array.from({ length: 24 }, (_, i) => 0x40 + i)));
const padded6 = [...probe6, ...new Array<number>(128 - probe6.length).fill(0)];

const mpls = extensions([object(1, 1, [...label(16004, 0, false, 1), ...label(24001, 5, true, 1)])]);
const named = extensions([
  interfaceInformation(0, { ifIndex: 7, ipv4: [10, 1, 1, 1], name: 'ge-0/0/1.0', mtu: 1500 }),
  interfaceInformation(2, { ipv6: [0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] }),
]);

const timeExceeded = (rest: readonly number[], id: number): Uint8Array => ethernet(0x0800, ip4(ROUTER, CLIENT, 1, icmpv4Message(11, 0, rest), id));

const frames = [
  ethernet(0x0800, probe),
  // A label switch router's time exceeded: RFC 4884 length (32 words), then a two-entry MPLS label stack.
  timeExceeded([0, 32, 0, 0, ...padded, ...mpls], 0x300),
  // The same without RFC 4884's length (draft-ietf-mpls-icmp routers): the extensions start after 128 bytes.
  timeExceeded([0, 0, 0, 0, ...padded, ...mpls], 0x301),
  // RFC 5837: the incoming interface by index, address, name and MTU, then the next hop by IPv6 address.
  timeExceeded([0, 32, 0, 0, ...padded, ...named], 0x302),
  // Destination unreachable (port) with a label stack, and fragmentation needed with its MTU and one.
  ethernet(0x0800, ip4(FAR, CLIENT, 1, icmpv4Message(3, 3, [0, 32, 0, 0, ...padded, ...mpls]), 0x303)),
  ethernet(0x0800, ip4(ROUTER, CLIENT, 1, icmpv4Message(3, 4, [0, 32, 0x05, 0xdc, ...padded, ...mpls]), 0x304)),
  // Damaged: a wrong checksum; version 1 (still decoded); version 3 (unsupported).
  timeExceeded([0, 32, 0, 0, ...padded, ...extensions([object(1, 1, label(100, 0, true, 255))], { sum: 0x1234 })], 0x305),
  timeExceeded([0, 32, 0, 0, ...padded, ...extensions([object(1, 1, label(100, 0, true, 255))], { version: 1 })], 0x306),
  timeExceeded([0, 32, 0, 0, ...padded, ...extensions([object(1, 1, label(100, 0, true, 255))], { version: 3 })], 0x307),
  // An unknown class, an unknown C-Type of the MPLS class, an extended payload object, then a label stack with 2 bytes over.
  timeExceeded([0, 32, 0, 0, ...padded, ...extensions([object(9, 3, [1, 2, 3, 4]), object(1, 7, [5, 6, 7, 8]), object(0, 1, [9, 10, 11, 12]), object(1, 1, [...label(1, 7, true, 9), 0xaa, 0xbb])])], 0x308),
  // An object whose length says 2 (less than its header), which ends the objects.
  timeExceeded([0, 32, 0, 0, ...padded, ...extensions([object(1, 1, label(100, 0, true, 255), 2), object(1, 1, label(200, 0, true, 255))])], 0x309),
  // An object whose length runs past the message (truncated), and a header only 2 bytes long.
  timeExceeded([0, 32, 0, 0, ...padded, ...extensions([object(1, 1, label(100, 0, true, 255), 40)])], 0x30a),
  timeExceeded([0, 32, 0, 0, ...padded, 0x20, 0x00], 0x30b),
  // Five interface information objects (RFC 5837 allows four), one with an unknown address family.
  timeExceeded([0, 32, 0, 0, ...padded, ...extensions([
    interfaceInformation(0, { ifIndex: 1 }), interfaceInformation(1, { ifIndex: 2 }), interfaceInformation(2, { mtu: 9000 }),
    object(2, 0xc4, [0, 9, 0, 0, 1, 2, 3, 4]), interfaceInformation(3, { name: 'xe-1/2/3' }),
  ])], 0x30c),
  // No checksum (zero); reserved C-Type bits set and an interface name longer than its object; a name length of 0.
  timeExceeded([0, 32, 0, 0, ...padded, ...extensions([object(1, 1, label(100, 0, true, 255))], { sum: 0 })], 0x30e),
  timeExceeded([0, 32, 0, 0, ...padded, ...extensions([object(2, 0x32, [0, 0, 0, 0, 0, 8, 0x40, 0x41]), object(2, 0x02, [0, 0, 0, 0])])], 0x30f),
  // The quoted probe said longer than 128 bytes, without RFC 4884's length: no extensions are looked for.
  timeExceeded([0, 0, 0, 0, ...(() => { const p = [...padded]; p[3] = 200; return p; })(), ...mpls], 0x30d),
  // RFC 8335 extended echo: a request probing an interface by name, by index and by address, and a reply.
  ethernet(0x0800, ip4(CLIENT, ROUTER, 1, icmpv4Message(42, 0, [0x12, 0x34, 1, 1, ...extensions([object(3, 1, [...latin1('eth0')])])]), 0x400)),
  ethernet(0x0800, ip4(CLIENT, ROUTER, 1, icmpv4Message(42, 0, [0x12, 0x34, 2, 0, ...extensions([object(3, 2, [0, 0, 0, 3])])]), 0x401)),
  ethernet(0x0800, ip4(CLIENT, ROUTER, 1, icmpv4Message(42, 0, [0x12, 0x34, 3, 0, ...extensions([object(3, 3, [0, 1, 4, 0, 10, 0, 0, 7])])]), 0x402)),
  ethernet(0x0800, ip4(ROUTER, CLIENT, 1, icmpv4Message(43, 0, [0x12, 0x34, 3, 0x46]), 0x403)),
  // ICMPv6 time exceeded (RFC 4884 length 16 words of 8 bytes) with a label stack, and port unreachable with an interface.
  ethernet(0x86dd, probe6),
  ethernet(0x86dd, ipv6({ src: ROUTER6, dst: CLIENT6, nextHeader: 58 }, icmpv6Message(ROUTER6, CLIENT6, 3, 0, [16, 0, 0, 0, ...padded6, ...mpls]))),
  ethernet(0x86dd, ipv6({ src: FAR6, dst: CLIENT6, nextHeader: 58 }, icmpv6Message(FAR6, CLIENT6, 1, 4, [16, 0, 0, 0, ...padded6, ...named]))),
  // ICMPv6 extensions cut to 2 bytes, of an unsupported version, and none at all (the original datagram ends the message).
  ethernet(0x86dd, ipv6({ src: ROUTER6, dst: CLIENT6, nextHeader: 58 }, icmpv6Message(ROUTER6, CLIENT6, 3, 0, [16, 0, 0, 0, ...padded6, 0x20, 0]))),
  ethernet(0x86dd, ipv6({ src: ROUTER6, dst: CLIENT6, nextHeader: 58 }, icmpv6Message(ROUTER6, CLIENT6, 3, 0, [16, 0, 0, 0, ...padded6, ...extensions([object(1, 1, label(100, 0, true, 255))], { version: 7 })]))),
  ethernet(0x86dd, ipv6({ src: ROUTER6, dst: CLIENT6, nextHeader: 58 }, icmpv6Message(ROUTER6, CLIENT6, 3, 0, [16, 0, 0, 0, ...padded6]))),
  // Parameter problem with RFC 4884's length and a label stack; a redirect longer than 136 bytes quoting a short datagram.
  ethernet(0x0800, ip4(ROUTER, CLIENT, 1, icmpv4Message(12, 0, [20, 32, 0, 0, ...padded, ...mpls]), 0x310)),
  ethernet(0x0800, ip4(ROUTER, CLIENT, 1, icmpv4Message(5, 1, [10, 0, 0, 1, ...padded, ...mpls]), 0x311)),
  // ICMPv6 extended echo (RFC 8335, types 160 and 161): a request probing an interface by IPv6 address, and a reply.
  ethernet(0x86dd, ipv6({ src: CLIENT6, dst: ROUTER6, nextHeader: 58 }, icmpv6Message(CLIENT6, ROUTER6, 160, 0, [0x12, 0x34, 1, 1, ...extensions([object(3, 3, [0, 2, 16, 0, ...FAR6])])]))),
  ethernet(0x86dd, ipv6({ src: ROUTER6, dst: CLIENT6, nextHeader: 58 }, icmpv6Message(ROUTER6, CLIENT6, 161, 2, [0x12, 0x34, 1, 0x25]))),
];

const writer = await PcapWriter.open(out);
await writer.writeBatch(packets(frames, 1000));
await writer.close();
console.log(`wrote ${out}`);
