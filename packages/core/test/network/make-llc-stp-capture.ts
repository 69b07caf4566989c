// Writes captures/llc-stp.pcap: the 802.3 frames with 802.2 LLC headers a
// lab PC on a switch port sees: spanning tree BPDUs of each kind (802.1D
// configuration with and without topology change flags, topology change
// notification, 802.1w rapid spanning tree with each port role, unknown
// versions and types, Cisco PVST+
// by SNAP with its originating VLAN, an unknown TLV and a bad length), and
// LLC's control field in each form (TEST, a supervisory RR, an information
// frame, UI frames with the poll bit), a length/type field that is neither, SNAP with an ethertype, with an OUI nobody
// registered, with vendors' PID tables and IEEE 802.1's bridged frames, and
// frames the capture cut short. Its tshark output is the CLI golden
// cases *-llc-stp (node scripts/record-goldens.mjs --set cli). From the
// repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-llc-stp-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { latin1, packets } from '../../../../test/support/frame-builders.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'llc-stp.pcap');

const SWITCH = [0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x01];
const STP_MULTICAST = [0x01, 0x80, 0xc2, 0x00, 0x00, 0x00];
const PVST_MULTICAST = [0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcd];
const BROADCAST = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** An 802.3 frame (length field) carrying `llc`, padded to the 60-byte minimum. */
function ieee8023(dst: number[], llc: number[]): Uint8Array {
  const frame = [...dst, ...SWITCH, ...u16(llc.length), ...llc];
  while (frame.length < 60) frame.push(0);
  return Uint8Array.from(frame);
}

/** As ieee8023, but with a length field of `len`: the rest of the LLC data is padding to 802.3. */
function ieee8023Claiming(len: number, dst: number[], llc: number[]): Uint8Array {
  const frame = ieee8023(dst, llc);
  frame[12] = len >> 8;
  frame[13] = len & 0xff;
  return frame;
}

/** A configuration or rapid BPDU: flags, root (priority word, MAC), cost, bridge, port, message age in 1/256 s. */
function bpdu(version: number, type: number, flags: number, rootWord: number, cost: number, bridgeWord: number, port: number, age: number): number[] {
  const b = [...u16(0), version, type, flags, ...u16(rootWord), 0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x00, ...u32(cost), ...u16(bridgeWord), ...SWITCH, ...u16(port), ...u16(age), ...u16(20 * 256), ...u16(2 * 256), ...u16(15 * 256)];
  return type === 0x02 ? [...b, 0] : b;
}

const STP_LLC = [0x42, 0x42, 0x03];
/** An ARP request in an Ethernet II frame, as a bridge carries it over SNAP. */
const BRIDGED_ARP = [...BROADCAST, ...SWITCH, 0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1, ...SWITCH, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2];
const frames = [
  // 802.1D: a root bridge's configuration BPDU, then one with the topology change flags, then a TCN.
  ieee8023(STP_MULTICAST, [...STP_LLC, ...bpdu(0, 0, 0x00, 0x8000, 0, 0x8000, 0x8001, 0)]),
  ieee8023(STP_MULTICAST, [...STP_LLC, ...bpdu(0, 0, 0x81, 0x8001, 19, 0x7002, 0x8003, 0x180)]),
  ieee8023(STP_MULTICAST, [...STP_LLC, ...u16(0), 0, 0x80]),
  // 802.1w: designated forwarding, root with a proposal, alternate learning with agreement, role 0 with every flag.
  ieee8023(STP_MULTICAST, [...STP_LLC, ...bpdu(2, 2, 0x3c, 0x1000, 0, 0x1000, 0x8002, 0)]),
  ieee8023(STP_MULTICAST, [...STP_LLC, ...bpdu(2, 2, 0x0a, 0x1000, 4, 0x8000, 0x8005, 0x100)]),
  ieee8023(STP_MULTICAST, [...STP_LLC, ...bpdu(2, 2, 0x54, 0x1000, 8, 0x8000, 0x8006, 0x200)]),
  ieee8023(STP_MULTICAST, [...STP_LLC, ...bpdu(2, 2, 0xf3, 0x1000, 8, 0x8000, 0x8007, 0x200)]),
  // Cisco PVST+ by SNAP (OUI 00:00:0c, PID 0x010b) for VLAN 10.
  ieee8023(PVST_MULTICAST, [0xaa, 0xaa, 0x03, 0x00, 0x00, 0x0c, ...u16(0x010b), ...bpdu(2, 2, 0x3c, 0x800a, 0, 0x800a, 0x8001, 0), ...u16(0), ...u16(2), ...u16(10)]),
  // PVST+ whose only TLV is of a type nobody assigned (the originating VLAN is missing), and a configuration
  // PVST+ BPDU with an originating VLAN TLV of the wrong length.
  ieee8023(PVST_MULTICAST, [0xaa, 0xaa, 0x03, 0x00, 0x00, 0x0c, ...u16(0x010b), ...bpdu(2, 2, 0x3c, 0x800a, 0, 0x800a, 0x8001, 0), ...u16(1), ...u16(2), ...u16(10)]),
  ieee8023(PVST_MULTICAST, [0xaa, 0xaa, 0x03, 0x00, 0x00, 0x0c, ...u16(0x010b), ...bpdu(0, 0, 0x00, 0x800a, 0, 0x800a, 0x8001, 0), ...u16(0), ...u16(1), 10]),
  // LLC's control field: TEST, a supervisory RR with the final bit, an information frame.
  ieee8023(BROADCAST, [0x00, 0x00, 0xe3, ...latin1('test')]),
  ieee8023(BROADCAST, [0x18, 0x19, 0x01, 0x03]),
  ieee8023(BROADCAST, [0x18, 0x18, 0x0a, 0x05, ...latin1('data')]),
  // SNAP: ARP by ethertype (RFC 1042), and an OUI with no registered protocols.
  ieee8023(BROADCAST, [0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1, ...SWITCH, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2]),
  ieee8023(BROADCAST, [0xaa, 0xaa, 0x03, 0x12, 0x34, 0x56, 0x00, 0x01, ...latin1('vendor')]),
  // A message age of 34695/256 s: the timers are doubles, shown with all 15 significant digits (135.52734375).
  ieee8023(STP_MULTICAST, [...STP_LLC, ...bpdu(0, 0, 0x00, 0x8000, 0, 0x8000, 0x8001, 0x8787)]),
  // A version nobody defined (a warning on the version), a BPDU type nobody defined (nothing after the type), and
  // type 2 BPDUs of versions 3 and 4 too short for their extensions (named MST and SPT in Info).
  ieee8023(STP_MULTICAST, [...STP_LLC, ...bpdu(16, 0, 0x00, 0x8000, 0, 0x8000, 0x8001, 0)]),
  ieee8023(STP_MULTICAST, [...STP_LLC, ...bpdu(16, 0x08, 0x81, 0x8001, 19, 0x7002, 0x8003, 0x180)]),
  ieee8023(STP_MULTICAST, [...STP_LLC, ...bpdu(3, 2, 0x3c, 0x1000, 0, 0x1000, 0x8002, 0)]),
  ieee8023(STP_MULTICAST, [...STP_LLC, ...bpdu(4, 2, 0x3c, 0x1000, 0, 0x1000, 0x8002, 0)]),
  // UI frames with the poll bit set: not information frames to LLC (XDLC_IS_INFORMATION), so neither a BPDU nor
  // SNAP's payload is handed on.
  ieee8023(STP_MULTICAST, [0x42, 0x42, 0x13, ...u16(0), 0, 0x80]),
  ieee8023(BROADCAST, [0xaa, 0xaa, 0x13, 0, 0, 0, 0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1, ...SWITCH, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2]),
  // SNAP under OUIs with PID tables of their own (Extreme, Nortel, AppleTalk: named from their tables, the payload
  // data), an ethertype nobody registered (LLC stays the protocol), and IEEE 802.1 bridged frames (RFC 2684): an
  // Ethernet frame without its FCS, one with it, and a BPDU.
  ieee8023(BROADCAST, [0xaa, 0xaa, 0x03, 0x00, 0xe0, 0x2b, ...u16(0x00bc), ...latin1('extreme')]),
  ieee8023(BROADCAST, [0xaa, 0xaa, 0x03, 0x00, 0x00, 0x81, ...u16(0x01a9), ...latin1('nortel')]),
  ieee8023(BROADCAST, [0xaa, 0xaa, 0x03, 0x08, 0x00, 0x07, ...u16(0x809c), ...latin1('atalk')]),
  ieee8023(BROADCAST, [0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, ...u16(0x88b5), ...latin1('local experimental')]),
  ieee8023(BROADCAST, [0xaa, 0xaa, 0x03, 0x00, 0x80, 0xc2, ...u16(0x0007), 0, 0, ...BRIDGED_ARP]),
  ieee8023(BROADCAST, [0xaa, 0xaa, 0x03, 0x00, 0x80, 0xc2, ...u16(0x0001), 0, 0, ...BRIDGED_ARP, 0xde, 0xad, 0xbe, 0xef]),
  ieee8023(STP_MULTICAST, [0xaa, 0xaa, 0x03, 0x00, 0x80, 0xc2, ...u16(0x000e), ...u16(0), 0, 0x80]),
  // A length/type between 1500 and 1536, which is neither: "Ethernet Unknown" with a warning.
  Uint8Array.from([...BROADCAST, ...SWITCH, 0x05, 0xf0, ...latin1('neither a length nor a type'), ...new Array<number>(19).fill(0)]),
  // Frames the capture cut short: a BPDU before its port identifier (nothing of it is shown), an LLC header after
  // its DSAP, and 802.3 padding cut inside (the cut ends the dissection there).
  ieee8023(STP_MULTICAST, [...STP_LLC, ...bpdu(0, 0, 0x81, 0x8001, 19, 0x7002, 0x8003, 0x180)]).subarray(0, 36),
  ieee8023(BROADCAST, [0x18, 0x19, 0x01, 0x03]).subarray(0, 15),
  ieee8023(BROADCAST, [0x18, 0x19, 0x01, 0x03]).subarray(0, 59),
  // A root path cost past 2^31: Info prints it signed, as packet-stp.c's %d does; the tree unsigned.
  ieee8023(STP_MULTICAST, [...STP_LLC, ...bpdu(0, 0, 0x00, 0x8000, 0x80000000, 0x8000, 0x8001, 0)]),
  // BPDUs longer than their 802.3 length field says: packet-bpdu.c reads the timers, the version 1 length and the
  // bridge identifier with a tree or without, so the summary line is malformed too (a forward delay, a version 1
  // length and a bridge address past the length).
  ieee8023Claiming(3 + 33, STP_MULTICAST, [...STP_LLC, ...bpdu(0, 0, 0x00, 0x8000, 0, 0x8000, 0x8001, 0)]),
  ieee8023Claiming(3 + 35, STP_MULTICAST, [...STP_LLC, ...bpdu(2, 2, 0x3c, 0x1000, 0, 0x1000, 0x8002, 0)]),
  ieee8023Claiming(3 + 22, STP_MULTICAST, [...STP_LLC, ...bpdu(0, 0, 0x00, 0x8000, 0, 0x8000, 0x8001, 0)]),
];

const writer = await PcapWriter.open(out);
const records = packets(frames, 2000);
// The last three were cut by the capture: on the wire they were 60 bytes long.
for (const r of records.slice(-3)) r.len = 60;
await writer.writeBatch(records);
await writer.close();
console.log(`wrote ${out}`);
