// Writes captures/linux-cooked-v2.pcap: Linux "any"-device frames (link type
// 276, SLL2) whose protocol no dissector takes, so Info keeps what SLL wrote:
// packet-sll.c reads the packet type there as 16 bits, the address length
// with it ("Unknown (1030)" for a packet sent by us with a MAC address), and
// one carrying IPv4. Its tshark output is the CLI golden cases
// *-linux-cooked-v2 (node scripts/record-goldens.mjs --set cli). From the
// repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-linux-cooked-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { concat, ipv4, latin1, packets, udp } from '../../../../test/support/frame-builders.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'linux-cooked-v2.pcap');
const LINKTYPE_LINUX_SLL2 = 276;
const MAC = [0x02, 0, 0, 0, 0, 0x07];

/** An SLL2 header: protocol, interface 2, ARPHRD_ETHER, packet type, address (padded to 8 bytes). */
function sll2(protocol: number, packetType: number, address: number[]): Uint8Array {
  const addr = [...address, ...new Array(8 - address.length).fill(0)];
  return Uint8Array.from([protocol >> 8, protocol & 0xff, 0, 0, 0, 0, 0, 2, 0, 1, packetType, address.length, ...addr]);
}

const frames = [
  concat(sll2(0x0800, 4, MAC), ipv4({ src: [10, 0, 0, 1], dst: [10, 0, 0, 2], protocol: 17, id: 1 }, udp(40000, 9, latin1('cooked')))),
  concat(sll2(0x0000, 4, MAC), latin1('protocol zero')),
  concat(sll2(0x1234, 0, []), latin1('unicast to us, no address')),
  concat(sll2(0x1234, 1, [1, 2]), latin1('broadcast, two-byte address')),
];

// Then the first frame cut by the snapshot length inside the packet type (11 bytes: nothing shown, not even the
// Protocol column) and just after it (12 bytes: SLL, then the payload is missing).
const records = packets([...frames, frames[0]!, frames[0]!], 1000).map((p) => ({ ...p, linktype: LINKTYPE_LINUX_SLL2 }));
for (const [i, keep] of [[4, 11], [5, 12]] as const) records[i] = { ...records[i]!, caplen: keep, bytes: records[i]!.bytes.subarray(0, keep) };
const writer = await PcapWriter.open(out, { linktype: LINKTYPE_LINUX_SLL2 });
await writer.writeBatch(records);
await writer.close();
console.log(`wrote ${out}`);
