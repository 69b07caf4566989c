// Writes captures/packet-block-options.pcapng: what pcapng records with a
// packet that tshark shows in the frame's tree: drop counts (frame.drop_count),
// from an obsolete Packet Block's 16-bit drops field (0, 7, and 0xffff, which
// says "unknown") or an Enhanced Packet Block's epb_dropcount option (code 4,
// 64 bits, which stands for the field when a Packet Block has both), and
// epb_packetid (code 5, frame.packet_id; the first of two counts), epb_flags
// (code 2, frame.packet_flags: inbound and outbound directions, which also name
// the frame's direction, reception types, FCS lengths, which Ethernet takes as
// its FCS's, error bits) and epb_queue (code 6, frame.interface_queue), in both
// byte orders, and a block without any. Its tshark output is the CLI golden cases
// *-packet-block-options. From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/capture/make-packet-block-options-capture.ts
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ethernet, ipv4, latin1, udp } from '../../../../test/support/frame-builders.js';
import { PcapngBuilder } from './pcapng-builder.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'captures');
const query = (id: number): Uint8Array => Uint8Array.of(id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 7, ...latin1('example'), 3, ...latin1('com'), 0, 0, 1, 0, 1);
const frame = (i: number): Uint8Array => ethernet(0x0800, ipv4({ src: [192, 0, 2, 1], dst: [192, 0, 2, 53], protocol: 17, id: i }, udp(40000 + i, 53, query(i))));
const t = 1_700_000_000_000_000n;

function section(littleEndian: boolean, first: number): Uint8Array {
  const b = new PcapngBuilder(littleEndian);
  const ts = (i: number): bigint => t + BigInt(first + i) * 1000n;
  return b
    .shb()
    .idb(1, 65535)
    .pb(0, ts(0), frame(first), { drops: 0 })
    .pb(0, ts(1), frame(first + 1), { drops: 7 })
    .pb(0, ts(2), frame(first + 2), { drops: 0xffff })
    .epb(0, ts(3), frame(first + 3), { options: [{ code: 4, value: b.u64(3n) }] })
    .epb(0, ts(4), frame(first + 4), { options: [{ code: 4, value: b.u64(0x1_0000_0001n) }] })
    .epb(0, ts(5), frame(first + 5))
    .pb(0, ts(6), frame(first + 6), { drops: 2, options: [{ code: 4, value: b.u64(5n) }] })
    .epb(0, ts(7), frame(first + 7), { options: [{ code: 5, value: b.u64(77n) }, { code: 5, value: b.u64(78n) }] })
    .epb(0, ts(8), frame(first + 8), { options: [{ code: 4, value: b.u64(1n) }, { code: 5, value: b.u64(0xfedcba9876543210n) }] })
    .epb(0, ts(9), frame(first + 9), { options: [{ code: 2, value: b.u32(0x00000001) }] })
    .epb(0, ts(10), frame(first + 10), { options: [{ code: 2, value: b.u32(0x00000002) }, { code: 2, value: b.u32(0x00000001) }] })
    .epb(0, ts(11), frame(first + 11), { options: [{ code: 2, value: b.u32(0x000001ff) }] })
    .epb(0, ts(12), frame(first + 12), { options: [{ code: 2, value: b.u32(0x00000200) }] })
    .epb(0, ts(13), frame(first + 13), { options: [{ code: 2, value: b.u32(0x0100004d) }, { code: 5, value: b.u64(9n) }, { code: 4, value: b.u64(2n) }] })
    .epb(0, ts(14), frame(first + 14), { options: [{ code: 2, value: b.u32(0xfffffe00) }] })
    .epb(0, ts(15), frame(first + 15), { options: [{ code: 2, value: b.u32(0x00000090) }] })
    .epb(0, ts(16), frame(first + 16), { options: [{ code: 5, value: b.u64(5n) }, { code: 6, value: b.u32(3) }, { code: 2, value: b.u32(0x00000062) }, { code: 6, value: b.u32(4) }] })
    .bytes();
}

writeFileSync(join(dir, 'packet-block-options.pcapng'), Buffer.concat([section(true, 1), section(false, 18)]));
