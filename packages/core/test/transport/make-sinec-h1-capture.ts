// Writes captures/sinec-h1.pcap: TCP payloads on ports no dissector owns, each
// on its own connection, that Wireshark's Sinec H1 heuristic (packet-h1.c)
// claims, declines after writing its columns and items, or stumbles on.
// Its tshark output is the CLI golden cases V-sinec-h1-heuristic and
// fields-sinec-h1-heuristic (node scripts/record-goldens.mjs --set cli). From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/transport/make-sinec-h1-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { ethernet, ipv4, latin1, packets, tcp } from '../../../../test/support/frame-builders.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'sinec-h1.pcap');
const S5 = [0x53, 0x35];
const text = (s: string): number[] => [...latin1(s)];

const payloads: number[][] = [
  // Random-looking data after "S5": length 0x30, then '/' is no block type: declined.
  [...S5, ...text('0/ZUB8qw7i4+dDttRFDGiW0CPtxOdz5wSIzAOK2260Nl8uKV+wIe57e+SVlqsV')],
  // Length 3: no blocks, claimed; the rest is data.
  [...S5, 3, ...text('tail')],
  // Opcode (Read Request), request (DB 10, DW 16, count 0xfffe) and empty blocks, then data.
  [...S5, 16, 0x01, 0x03, 0x05, 0x03, 0x08, 0x01, 0x0a, 0x00, 0x10, 0xff, 0xfe, 0xff, 0x02, 0xde, 0xad, 0xbe, 0xef],
  // Unknown opcode, then a response block with an unknown return code.
  [...S5, 9, 0x01, 0x03, 0x09, 0x0f, 0x03, 0x07],
  // Response "Requested block does not exist", request of an unknown memory type; nothing after.
  [...S5, 14, 0x0f, 0x03, 0x02, 0x03, 0x08, 0x20, 0x01, 0x00, 0x02, 0x00, 0x04],
  // A block of length 0 ends the blocks; the rest is data from there.
  [...S5, 8, 0x01, 0x00, 0x05, 0x01, 0x02, 0x03],
  // The length runs past the payload: the last block's fields are not there.
  [...S5, 0x40, 0x03, 0x08, 0x01],
  // Only the signature: the length byte is missing.
  [...S5],
  // One byte: too short to try.
  [0x53],
  // Not the signature.
  text('S6 not h1'),
];

const frames = payloads.map((p, i) =>
  ethernet(0x0800, ipv4({ protocol: 6, src: [10, 0, 0, 1], dst: [10, 0, 0, 2], id: 0x100 + i }, tcp({ sport: 40000 + i, dport: 47000, seq: 1000, ack: 2000, flags: 0x18 }, Uint8Array.from(p)))),
);
const writer = await PcapWriter.open(out);
// One second apart.
await writer.writeBatch(packets(frames, 1000));
await writer.close();
console.log(`wrote ${out}`);
