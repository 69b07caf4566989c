import type { RawPacket } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusPath } from '../../../test/support/paths.js';
import { readAllPackets } from '../../../test/support/resegment-tcp.js';
import { seededRandom } from '../../../test/support/seeded-random.js';
import { dissectPackets } from './support/dissect-capture.js';

// Bytes the FTP parsers give meaning to, plus a few that should never matter.
const ALPHABET = Uint8Array.from(Buffer.from('0123456789,|()-+ .:\r\n"/PORTEPSVASUR\u0000\u00ff', 'latin1'));

/** Where the TCP payload of an untagged Ethernet/IPv4 or IPv6 frame starts, or -1. */
function payloadStart(b: Uint8Array): number {
  const type = (b[12]! << 8) | b[13]!;
  if (type === 0x0800 && b[23] === 6) {
    const tcp = 14 + (b[14]! & 0x0f) * 4;
    return tcp + (b[tcp + 12]! >> 4) * 4;
  }
  if (type === 0x86dd && b[20] === 6) return 54 + (b[54 + 12]! >> 4) * 4;
  return -1;
}

/** The capture with a share of its TCP payload bytes replaced (lengths and sequence numbers kept). */
function mutate(packets: readonly RawPacket[], seed: number, rate: number): RawPacket[] {
  const next = seededRandom(seed);
  return packets.map((p) => {
    const start = payloadStart(p.bytes);
    if (start < 0 || start >= p.bytes.length) return p;
    const bytes = p.bytes.slice();
    for (let i = start; i < bytes.length; i++) if (next() < rate) bytes[i] = ALPHABET[Math.floor(next() * ALPHABET.length)]!;
    return { ...p, bytes };
  });
}

describe.skipIf(!corpusAvailable())('hostile FTP input', () => {
  const captures = ['ftp/ipv4.pcap', 'ftp/ipv6.pcap', 'ftp/suri-ftp-upload-active.pcap', 'ftp/suri-ftp-upload-passive.pcap', 'ftp/tickedoffdeveloper.pcapng'];
  for (const capture of captures) {
    it(`${capture}: mangled payloads never throw, on either pass`, async () => {
      const packets = await readAllPackets(corpusPath(capture));
      for (let seed = 1; seed <= 6; seed++) {
        const mangled = mutate(packets, seed, seed / 10);
        for (const twoPass of [false, true]) {
          const frames = dissectPackets(mangled, { twoPass });
          expect(frames.length).toBe(packets.length);
        }
      }
    });
  }
});
