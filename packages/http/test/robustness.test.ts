import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureReader, DissectionSession, TreeContext, type RawPacket } from '@netdissect/core';
import '@netdissect/http';
import { corpusAvailable, corpusPath } from '../../../test/support/paths.js';
import { seededRandom } from '../../../test/support/seeded-random.js';

async function readPackets(path: string): Promise<RawPacket[]> {
  const reader = await CaptureReader.open(path);
  const out: RawPacket[] = [];
  try {
    for await (const batch of reader.batches()) for (const p of batch) out.push({ ...p, bytes: p.bytes.slice() });
  } finally {
    await reader.close();
  }
  return out;
}

/** Damage the bytes after the Ethernet/IPv4/TCP headers: flipped bytes, CRLFs, digits, cut packets. */
function mutate(packets: RawPacket[], seed: number): RawPacket[] {
  const rnd = seededRandom(seed);
  const alphabet = [0x0d, 0x0a, 0x3a, 0x20, 0x30, 0x39, 0x66, 0x00, 0xff, 0x3b, 0x2d];
  return packets.map((p) => {
    const bytes = p.bytes.slice();
    if (bytes.length > 60) {
      const flips = Math.floor(rnd() * 4);
      for (let i = 0; i < flips; i++) {
        const at = 54 + Math.floor(rnd() * (bytes.length - 54));
        bytes[at] = rnd() < 0.5 ? alphabet[Math.floor(rnd() * alphabet.length)]! : Math.floor(rnd() * 256);
      }
    }
    const caplen = rnd() < 0.05 ? Math.max(14, Math.floor(rnd() * bytes.length)) : bytes.length;
    return { ...p, caplen, bytes: bytes.subarray(0, caplen) };
  });
}

/** Both passes over the packets; returns the Info of any frame where a dissector failed other than by running off the data. */
function dissectBothPasses(packets: RawPacket[]): string[] {
  const session = new DissectionSession();
  session.keepHistory = true;
  for (const p of packets) session.dissect(p, null, false);
  const bugs: string[] = [];
  for (const p of packets) {
    const f = session.dissect(p, new TreeContext(), true);
    if (f.pinfo.cols.info.includes('Dissector bug')) bugs.push(`frame ${p.no}: ${f.pinfo.cols.info}`);
  }
  return bugs;
}

describe('damaged HTTP traffic is data, not an error', () => {
  const sources = [join(__dirname, 'captures', 'codings.pcap'), join(__dirname, 'captures', 'hostile.pcap')];
  if (corpusAvailable()) sources.push(corpusPath('http/docker-http-upgrade.pcap'), corpusPath('http/suri-http-sticky-start.pcap'), corpusPath('tcp/206_example_c.pcap'));

  for (const source of sources) {
    it(`survives random damage to ${source.split('/').slice(-2).join('/')}`, async () => {
      const packets = await readPackets(source);
      for (let seed = 1; seed <= 6; seed++) expect(dissectBothPasses(mutate(packets, seed)), `seed ${seed}`).toEqual([]);
    });
  }
});
