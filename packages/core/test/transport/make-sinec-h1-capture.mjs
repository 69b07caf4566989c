// Writes captures/sinec-h1.pcap: TCP payloads on ports no dissector owns, each
// on its own connection, that Wireshark's Sinec H1 heuristic (packet-h1.c)
// claims, declines after writing its columns and items, or stumbles on.
// Its tshark -V output is the CLI golden case V-sinec-h1-heuristic.
//   node packages/core/test/transport/make-sinec-h1-capture.mjs   (after a build: it writes with core's PcapWriter)
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'sinec-h1.pcap');
const S5 = [0x53, 0x35];
const text = (s) => [...Buffer.from(s, 'latin1')];

const payloads = [
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

function frame(i, payload) {
  const tcp = Buffer.alloc(20);
  tcp.writeUInt16BE(40000 + i, 0);
  tcp.writeUInt16BE(47000, 2);
  tcp.writeUInt32BE(1000, 4);
  tcp.writeUInt32BE(2000, 8);
  tcp[12] = 0x50;
  tcp[13] = 0x18;
  tcp.writeUInt16BE(8192, 14);
  const ip = Buffer.alloc(20);
  ip[0] = 0x45;
  ip.writeUInt16BE(40 + payload.length, 2);
  ip.writeUInt16BE(0x100 + i, 4);
  ip[8] = 64;
  ip[9] = 6;
  Buffer.from([10, 0, 0, 1]).copy(ip, 12);
  Buffer.from([10, 0, 0, 2]).copy(ip, 16);
  let sum = 0;
  for (let k = 0; k < 20; k += 2) sum += ip.readUInt16BE(k);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  ip.writeUInt16BE(~sum & 0xffff, 10);
  const eth = Buffer.from([0, 0x11, 0x22, 0x33, 0x44, 0x02, 0, 0x11, 0x22, 0x33, 0x44, 0x01, 0x08, 0x00]);
  return Buffer.concat([eth, ip, tcp, Buffer.from(payload)]);
}

const writer = await PcapWriter.open(out);
await writer.writeBatch(
  payloads.map((p, i) => {
    const bytes = frame(i, p);
    return { no: i + 1, tsSec: 1_700_000_000 + i, tsNsec: 0, tsPrecision: 6, caplen: bytes.length, len: bytes.length, linktype: 1, interfaceId: 0, bytes, dataOffset: -1 };
  }),
);
await writer.close();
console.log(`wrote ${out}`);
