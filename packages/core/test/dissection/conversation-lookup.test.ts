import { describe, expect, it } from 'vitest';
import { Address, AddressType } from '../../src/dissection/address.js';
import { ConversationTable, ConversationType, type Conversation } from '../../src/dissection/conversation-table.js';
import { endpointPairHash, ipv4PairHash } from '../../src/dissection/endpoint-pair-hash.js';
import { seededRandom } from '../../../../test/support/seeded-random.js';

interface Pair { a: number; pa: number; b: number; pb: number }

/** Two different IPv4 endpoint pairs with the same hash, found by drawing pairs until two collide. */
function collidingPairs(): [Pair, Pair] {
  const random = seededRandom(11);
  const seen = new Map<number, Pair>();
  for (;;) {
    const p: Pair = { a: (random() * 2 ** 32) | 0, pa: Math.floor(random() * 65536), b: (random() * 2 ** 32) | 0, pb: Math.floor(random() * 65536) };
    const h = ipv4PairHash(ConversationType.TCP, p.a, p.pa, p.b, p.pb);
    const other = seen.get(h);
    if (other && !(other.a === p.a && other.b === p.b && other.pa === p.pa && other.pb === p.pb)) return [other, p];
    seen.set(h, p);
  }
}

const v4 = (bits: number): Address => Address.ipv4(bits >>> 0);

describe('conversation lookup by endpoint pair', () => {
  it('keeps two IPv4 pairs whose keys collide apart, either way round', () => {
    const [p, q] = collidingPairs();
    expect(ipv4PairHash(ConversationType.TCP, p.a, p.pa, p.b, p.pb)).toBe(ipv4PairHash(ConversationType.TCP, q.a, q.pa, q.b, q.pb));
    const table = new ConversationTable();
    const cp = table.findOrCreate(1, ConversationType.TCP, v4(p.a), v4(p.b), p.pa, p.pb);
    // The second pair shares the key but is not the first pair's conversation.
    expect(table.find(2, ConversationType.TCP, v4(q.a), v4(q.b), q.pa, q.pb)).toBeNull();
    const cq = table.findOrCreate(2, ConversationType.TCP, v4(q.a), v4(q.b), q.pa, q.pb);
    expect(cq).not.toBe(cp);
    expect(table.find(3, ConversationType.TCP, v4(p.b), v4(p.a), p.pb, p.pa)).toBe(cp);
    expect(table.find(3, ConversationType.TCP, v4(q.b), v4(q.a), q.pb, q.pa)).toBe(cq);
    // Port reuse on the first pair: the newer conversation from its setup frame on, the older before.
    const cp2 = table.create(4, ConversationType.TCP, v4(p.a), v4(p.b), p.pa, p.pb);
    expect(table.find(5, ConversationType.TCP, v4(p.a), v4(p.b), p.pa, p.pb)).toBe(cp2);
    expect(table.find(3, ConversationType.TCP, v4(p.a), v4(p.b), p.pa, p.pb)).toBe(cp);
    expect(table.find(5, ConversationType.TCP, v4(q.a), v4(q.b), q.pa, q.pb)).toBe(cq);
    // The type is part of the pair.
    expect(table.find(5, ConversationType.UDP, v4(p.a), v4(p.b), p.pa, p.pb)).toBeNull();
  });

  it('keeps apart IPv4 pairs that collide and share both ports and one address, in each direction', () => {
    // A:1000 with X1:53 and with X2:53 where the two keys collide: only the other address tells them apart.
    const random = seededRandom(13);
    const a = 0x0a000001;
    const seen = new Map<number, number>();
    let x1 = 0, x2 = 0;
    for (;;) {
      const x = (random() * 2 ** 32) | 0;
      const h = ipv4PairHash(ConversationType.UDP, a, 1000, x, 53);
      const other = seen.get(h);
      if (other !== undefined && other !== x) {
        [x1, x2] = [other, x];
        break;
      }
      seen.set(h, x);
    }
    const table = new ConversationTable();
    const c1 = table.findOrCreate(1, ConversationType.UDP, v4(a), v4(x1), 1000, 53);
    // Same direction as c1 (A first), then the reverse (X2 first): neither is c1's.
    expect(table.find(2, ConversationType.UDP, v4(a), v4(x2), 1000, 53)).toBeNull();
    expect(table.find(2, ConversationType.UDP, v4(x2), v4(a), 53, 1000)).toBeNull();
    const c2 = table.findOrCreate(2, ConversationType.UDP, v4(x2), v4(a), 53, 1000);
    expect(c2).not.toBe(c1);
    expect(table.find(3, ConversationType.UDP, v4(x1), v4(a), 53, 1000)).toBe(c1);
    expect(table.find(3, ConversationType.UDP, v4(a), v4(x2), 1000, 53)).toBe(c2);
    // An IPv6 endpoint never joins an IPv4 pair.
    const v6a = new Address(AddressType.IPv6, new Uint8Array(16).fill(1));
    expect(table.find(3, ConversationType.UDP, v6a, v4(x1), 1000, 53)).toBeNull();
  });

  it('keeps two IPv6 pairs whose keys collide apart, either way round', () => {
    const random = seededRandom(12);
    const v6 = (): Address => new Address(AddressType.IPv6, Uint8Array.from({ length: 16 }, () => Math.floor(random() * 256)));
    const seen = new Map<number, [Address, number, Address, number]>();
    let p: [Address, number, Address, number], q: [Address, number, Address, number];
    for (;;) {
      const draw: [Address, number, Address, number] = [v6(), Math.floor(random() * 65536), v6(), Math.floor(random() * 65536)];
      const h = endpointPairHash(ConversationType.UDP, ...draw);
      const other = seen.get(h);
      if (other) {
        [p, q] = [other, draw];
        break;
      }
      seen.set(h, draw);
    }
    // The same whichever way round.
    expect(endpointPairHash(ConversationType.UDP, p[2], p[3], p[0], p[1])).toBe(endpointPairHash(ConversationType.UDP, ...q));
    const table = new ConversationTable();
    const cp = table.findOrCreate(1, ConversationType.UDP, p[0], p[2], p[1], p[3]);
    expect(table.find(2, ConversationType.UDP, q[0], q[2], q[1], q[3])).toBeNull();
    const cq = table.findOrCreate(2, ConversationType.UDP, q[0], q[2], q[1], q[3]);
    expect(cq).not.toBe(cp);
    expect(table.find(3, ConversationType.UDP, p[2], p[0], p[3], p[1])).toBe(cp);
    expect(table.find(3, ConversationType.UDP, q[2], q[0], q[3], q[1])).toBe(cq);
  });

  it('finds what a table keyed by the endpoint text finds (20,000 random lookups over IPv4 and IPv6 endpoints)', () => {
    const random = seededRandom(5);
    const addresses = [
      ...Array.from({ length: 6 }, (_, i) => Address.ipv4(0xc0a80000 + i)),
      ...Array.from({ length: 4 }, (_, i) => new Address(AddressType.IPv6, Uint8Array.from({ length: 16 }, (_, j) => (j === 15 ? i : 0x20)))),
    ];
    const ports = [53, 80, 1024, 40000];
    const table = new ConversationTable();
    const reference = new Map<string, Conversation>();
    const created = new Set<Conversation>();
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const side = (addr: Address, port: number): string => `${addr.type}:${Array.from(addr.bytes).join('.')}#${port}`;
    for (let frame = 1; frame <= 20_000; frame++) {
      const type = random() < 0.5 ? ConversationType.TCP : ConversationType.UDP;
      const src = pick(addresses), dst = pick(addresses), sport = pick(ports), dport = pick(ports);
      const [x, y] = [side(src, sport), side(dst, dport)].sort();
      const key = `${type}|${x}|${y}`;
      const c = table.findOrCreate(frame, type, src, dst, sport, dport);
      const expected = reference.get(key);
      if (expected) expect(c, `frame ${frame}`).toBe(expected);
      else {
        expect(created.has(c), `frame ${frame}`).toBe(false);
        created.add(c);
        reference.set(key, c);
      }
    }
    expect(reference.size).toBeGreaterThan(1000);
  });
});
