// Property tests with a seeded PRNG (failures name their seed): random
// valid messages, compressed at random, decode to exactly what was built;
// truncated and corrupted ones are reported malformed, never thrown.
import { dissectDns, dnsFields, type DnsDissection } from '@netdissect/dns';
import { describe, expect, it } from 'vitest';
import { encodeMessage } from './message-builder.js';
import { seededRandom as prng } from '../../../test/support/seeded-random.js';
import { Gen, randomMessage } from './random-messages.js';

const RUNS = 400;

function hasMalformedNode(d: DnsDissection): boolean {
  return d.tree.children?.some((n) => n.def?.abbrev === '_ws.malformed') ?? false;
}

describe('random valid messages round-trip through dissectDns', () => {
  it('decodes each message to what was encoded, with and without compression', () => {
    const kinds = new Set<string>();
    let pointers = 0;
    for (let seed = 1; seed <= RUNS; seed++) {
      const g = new Gen(prng(seed));
      const message = randomMessage(g);
      const bytes = encodeMessage(message, { compress: () => g.chance(0.8) });
      const d = dissectDns(bytes);
      expect(d.malformed, `seed ${seed}`).toBe(false);
      expect(d.message, `seed ${seed}`).toEqual(message);
      for (const rr of [...message.answers, ...message.authorities, ...message.additionals]) kinds.add(rr.rdata.kind);
      for (let i = 12; i < bytes.length - 1; i++) if ((bytes[i]! & 0xc0) === 0xc0) pointers++;
    }
    // The generator really exercised every record kind and compression.
    expect(kinds.size).toBe(27);
    expect(pointers).toBeGreaterThan(RUNS);
  });

  it('decodes mDNS messages with their QU and cache-flush bits', () => {
    for (let seed = 1; seed <= RUNS / 4; seed++) {
      const g = new Gen(prng(seed * 7919));
      const message = randomMessage(g, true);
      const d = dissectDns(encodeMessage(message, { mdns: true }), { flavor: 'mdns' });
      expect(d.malformed, `seed ${seed}`).toBe(false);
      expect(d.message, `seed ${seed}`).toEqual(message);
    }
  });

  it('reads the same message behind a TCP length prefix', () => {
    for (let seed = 1; seed <= RUNS / 4; seed++) {
      const message = randomMessage(new Gen(prng(seed + 100_000)));
      const bytes = encodeMessage(message);
      const framed = new Uint8Array(bytes.length + 2);
      framed.set([bytes.length >> 8, bytes.length & 0xff]);
      framed.set(bytes, 2);
      const d = dissectDns(framed, { transport: 'tcp' });
      expect(d.message, `seed ${seed}`).toEqual(message);
      expect(d.tree.find(dnsFields.length)?.value).toBe(bytes.length);
    }
  });
});

describe('broken messages are flagged, not thrown', () => {
  it('marks every truncation of a valid message malformed', () => {
    for (let seed = 1; seed <= RUNS / 2; seed++) {
      const g = new Gen(prng(seed + 200_000));
      const bytes = encodeMessage(randomMessage(g));
      const cut = g.int(0, bytes.length - 1);
      const d = dissectDns(bytes.subarray(0, cut));
      expect(d.malformed, `seed ${seed} cut ${cut}/${bytes.length}`).toBe(true);
      expect(hasMalformedNode(d), `seed ${seed}`).toBe(true);
      expect(d.info.endsWith('[Malformed Packet]'), `seed ${seed}: ${d.info}`).toBe(true);
    }
  });

  it('survives random corruption: the result is either clean or marked malformed', () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const g = new Gen(prng(seed + 300_000));
      const bytes = encodeMessage(randomMessage(g));
      for (let flips = g.int(1, 8); flips > 0; flips--) bytes[g.int(0, bytes.length - 1)] = g.int(0, 255);
      let d: DnsDissection | undefined;
      expect(() => (d = dissectDns(bytes)), `seed ${seed}`).not.toThrow();
      expect(d!.malformed, `seed ${seed}`).toBe(hasMalformedNode(d!));
    }
  });

  it('survives random garbage', () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const g = new Gen(prng(seed + 400_000));
      const bytes = g.bytes(g.int(0, 300));
      expect(() => dissectDns(bytes), `seed ${seed}`).not.toThrow();
    }
  });
});
