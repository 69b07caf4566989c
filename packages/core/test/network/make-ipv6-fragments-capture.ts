// Writes captures/ipv6-fragments.pcap: UDP datagrams over IPv6 cut into
// fragments (RFC 8200 fragment headers), as a DNS server's large answer
// (DNSSEC, TXT records) reaches a lab client: one in order in three
// fragments, one whose fragments arrive last first, and one whose first
// fragment never comes. Its tshark output is the CLI golden cases
// *-ipv6-fragments (node scripts/record-goldens.mjs --set cli). From the
// repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-ipv6-fragments-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { ethernet, ipv6, latin1, packets } from '../../../../test/support/frame-builders.js';
import { udp6Datagram as udp6 } from './checksummed-messages.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'ipv6-fragments.pcap');

const CLIENT = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
const SERVER = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53];

function name(n: string): number[] {
  const out: number[] = [];
  for (const label of n.split('.')) out.push(label.length, ...latin1(label));
  return [...out, 0];
}

const QNAME = name('big.example.edu');
const query = Uint8Array.from([0xbe, 0xef, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, ...QNAME, 0, 16, 0, 1]);
// The answer: 12 TXT records of 240 characters each, about 3,100 bytes.
const txt = (i: number): number[] => {
  const s = `record ${i} `.padEnd(240, String.fromCharCode(0x61 + i));
  return [0xc0, 12, 0, 16, 0, 1, 0, 0, 0x0e, 0x10, 0, 241, 240, ...latin1(s)];
};
const answer = Uint8Array.from([0xbe, 0xef, 0x81, 0x80, 0, 1, 0, 12, 0, 0, 0, 0, ...QNAME, 0, 16, 0, 1, ...Array.from({ length: 12 }, (_, i) => txt(i)).flat()]);

/** A datagram cut into fragments of at most `size` bytes (a multiple of 8), with fragment identification `id`. */
function fragments(src: number[], dst: number[], datagram: Uint8Array, size: number, id: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let off = 0; off < datagram.length; off += size) {
    const part = datagram.subarray(off, Math.min(off + size, datagram.length));
    out.push(ethernet(0x86dd, ipv6({ src, dst, nextHeader: 17, fragment: { offset: off, more: off + size < datagram.length, id } }, part)));
  }
  return out;
}

const big = fragments(SERVER, CLIENT, udp6(SERVER, CLIENT, 53, 40000, answer), 1232, 0x1001);
// A datagram to the discard port in three fragments, sent last first.
const discard = fragments(CLIENT, SERVER, udp6(CLIENT, SERVER, 40001, 9, Uint8Array.from({ length: 2000 }, (_, i) => i & 0xff)), 800, 0x2002).reverse();
// A datagram whose first fragment is lost: its later fragments are never reassembled.
const lost = fragments(SERVER, CLIENT, udp6(SERVER, CLIENT, 53, 40002, answer), 1232, 0x3003).slice(1);

const frames = [
  ethernet(0x86dd, ipv6({ src: CLIENT, dst: SERVER, nextHeader: 17 }, udp6(CLIENT, SERVER, 40000, 53, query))),
  ...big,
  ...discard,
  ...lost,
];

const writer = await PcapWriter.open(out);
await writer.writeBatch(packets(frames, 10));
await writer.close();
console.log(`wrote ${out}`);
