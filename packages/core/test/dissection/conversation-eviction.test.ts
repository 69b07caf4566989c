import { describe, expect, it } from 'vitest';
import { Address, AddressType } from '../../src/dissection/address.js';
import { ConversationTable, ConversationType, rememberWhenForgotten } from '../../src/dissection/conversation-table.js';
import { ForgottenFlows } from '../../src/dissection/forgotten-flows.js';
import { retainedHeapMb } from '../../../../test/support/retained-heap.js';
import { seededRandom } from '../../../../test/support/seeded-random.js';

const SERVER = Address.ipv4(0x0a000001);
const client = (i: number): Address => Address.ipv4(0x0b000000 + i);

describe('the conversation table over maxOpenFlows', () => {
  it('forgets the tenth idle the longest, earlier conversations first among those last seen in one frame (200 random tables)', () => {
    const random = seededRandom(3);
    for (let round = 0; round < 200; round++) {
      const limit = 10 + Math.floor(random() * 90);
      const table = new ConversationTable(limit);
      let frame = 1;
      const lastSeen: number[] = [];
      for (let i = 0; i < limit; i++) {
        table.findOrCreate(frame, ConversationType.UDP, client(i), SERVER, 1000 + i, 53);
        lastSeen.push(frame);
        if (random() < 0.7) frame++;
      }
      // Later traffic on some of them, several in one frame now and then.
      for (let n = Math.floor(random() * limit * 2); n > 0; n--) {
        const i = Math.floor(random() * limit);
        table.findOrCreate(frame, ConversationType.UDP, client(i), SERVER, 1000 + i, 53);
        lastSeen[i] = frame;
        if (random() < 0.6) frame++;
      }
      // One more makes the table forget: by last frame seen, ties in creation order.
      const order = lastSeen.map((f, i) => [f, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const total = limit + 1;
      const forgotten = new Set(order.slice(0, Math.max(1, Math.floor(total / 10))).map(([, i]) => i));
      table.findOrCreate(frame + 1, ConversationType.UDP, client(limit), SERVER, 1000 + limit, 53);
      expect(table.evicted, `round ${round}`).toBe(forgotten.size);
      for (let i = 0; i < limit; i++) {
        const found = table.find(frame + 1, ConversationType.UDP, client(i), SERVER, 1000 + i, 53);
        expect(found === null, `round ${round}, conversation ${i}`).toBe(forgotten.has(i));
      }
    }
  });
});

/** Heap a table with room for `limit` holds after `created` TCP conversations from one client, on new ports. */
function tableHeapMb(limit: number, created: number): number {
  const { mb, result: table } = retainedHeapMb(() => {
    const table = new ConversationTable(limit);
    const one = client(1);
    for (let i = 0; i < created; i++) table.findOrCreate(i + 1, ConversationType.TCP, one, SERVER, i % 65536, 80 + (i >> 16));
    return table;
  });
  expect(table.evicted).toBeGreaterThanOrEqual(created - limit);
  return mb;
}

describe('the conversation table under churn', () => {
  it('holds what the open flows need, not the room of those it forgot (a Map keeps deleted entries until it doubles)', () => {
    const once = tableHeapMb(50_000, 50_000);
    const churned = tableHeapMb(50_000, 500_000);
    // Without starting the Map afresh after forgetting, 1.4-1.7 MB more.
    expect(churned - once, `${churned.toFixed(2)} MB after 500,000, ${once.toFixed(2)} MB after 50,000`).toBeLessThan(0.6);
  });
});

// What UDP keeps of a forgotten conversation, here its stream number alone.
rememberWhenForgotten({
  key: 'udp',
  width: 1,
  pack: (value, out, at) => {
    out[at] = (value as { stream: number }).stream;
    return true;
  },
  unpack: (from, at) => ({ stream: from[at] }),
});

describe('conversations forgotten over maxOpenFlows, when their endpoints talk again', () => {
  /** A UDP conversation per client, with UDP's data and another protocol's, each seen in its own frame. */
  function fill(table: ConversationTable, clients: number, firstFrame = 1): void {
    for (let i = 0; i < clients; i++) {
      const c = table.findOrCreate(firstFrame + i, ConversationType.UDP, client(i), SERVER, 1000 + i, 53);
      c.data.set('udp', { stream: i }).set('dns', { transactions: i });
    }
  }

  it('a UDP conversation comes back with its UDP state (stream number, clock) and nothing else, either way round', () => {
    const table = new ConversationTable(10);
    fill(table, 11);
    expect(table.find(12, ConversationType.UDP, client(0), SERVER, 1000, 53)).toBeNull();
    // The server answers first this time: the same flow, from its side.
    const back = table.create(20, ConversationType.UDP, SERVER, client(0), 53, 1000);
    expect(back.data.get('udp')).toEqual({ stream: 0 });
    expect(back.data.has('dns')).toBe(false);
    expect(table.find(21, ConversationType.UDP, client(0), SERVER, 1000, 53)).toBe(back);
    // Taken up once: a conversation created on the same endpoints later starts anew.
    expect(table.create(22, ConversationType.UDP, client(0), SERVER, 1000, 53).data.has('udp')).toBe(false);
  });

  it('a conversation without UDP state, or of another type on the same endpoints, starts anew', () => {
    const table = new ConversationTable(10);
    const tcp = table.findOrCreate(1, ConversationType.TCP, client(0), SERVER, 1000, 53);
    tcp.data.set('tcp', { stream: 0 });
    fill(table, 10, 2);
    expect(table.evicted).toBe(1);
    const again = table.create(100, ConversationType.TCP, client(0), SERVER, 1000, 53);
    expect(again.data.has('tcp')).toBe(false);
    // The new TCP conversations make the table forget UDP conversations 0 and 1: a TCP one on 1's endpoints is not it, a UDP one is.
    expect(table.evicted).toBe(2);
    expect(table.create(101, ConversationType.TCP, client(1), SERVER, 1001, 53).data.has('udp')).toBe(false);
    expect(table.evicted).toBe(3);
    expect(table.create(102, ConversationType.UDP, client(1), SERVER, 1001, 53).data.get('udp')).toEqual({ stream: 1 });
  });

  it('keeps at most twice maxOpenFlows forgotten ones, dropping those seen the longest ago for good', () => {
    const table = new ConversationTable(10);
    fill(table, 200);
    // 190 forgotten, at most 20 kept: the last forgotten ones, not the first.
    expect(table.create(1000, ConversationType.UDP, client(0), SERVER, 1000, 53).data.has('udp')).toBe(false);
    const recalled: number[] = [];
    for (let i = 1; i < 200; i++) {
      if (table.find(1000, ConversationType.UDP, client(i), SERVER, 1000 + i, 53)) continue;
      const c = table.create(1000 + i, ConversationType.UDP, client(i), SERVER, 1000 + i, 53);
      if ((c.data.get('udp') as { stream: number } | undefined)?.stream === i) recalled.push(i);
    }
    expect(recalled.length).toBeGreaterThan(0);
    expect(recalled.length).toBeLessThanOrEqual(20);
    expect(Math.min(...recalled)).toBeGreaterThan(150);
  });
});

const v4 = (bits: number): Address => Address.ipv4(bits);
/** 2001:db8::/32 with `words` after the prefix as its last three 32-bit words. */
const v6 = (...words: [number, number, number]): Address => {
  const b = new Uint8Array(16);
  const view = new DataView(b.buffer);
  view.setUint32(0, 0x20010db8);
  words.forEach((w, i) => view.setUint32(4 + 4 * i, w >>> 0));
  return new Address(AddressType.IPv6, b);
};

describe('ForgottenFlows', () => {
  const state = { key: 's', width: 1, pack: (v: unknown, out: Float64Array, at: number) => ((out[at] = v as number), true), unpack: (f: Float64Array, at: number) => f[at] };

  it('keeps flows that share a key apart, takes each once, either way round', () => {
    const flows = new ForgottenFlows(state, 100);
    for (let i = 0; i < 5; i++) flows.add(7, ConversationType.UDP, v4(100 + i), 1000, v4(200), 53, i, i * 10);
    expect(flows.take(7, ConversationType.UDP, v4(102), 1000, v4(200), 53)).toBe(20);
    expect(flows.take(7, ConversationType.UDP, v4(102), 1000, v4(200), 53)).toBeUndefined();
    expect(flows.take(7, ConversationType.TCP, v4(200), 53, v4(104), 1000)).toBeUndefined();
    expect(flows.take(7, ConversationType.UDP, v4(200), 53, v4(104), 1000)).toBe(40);
    expect(flows.take(7, ConversationType.UDP, v4(100), 1000, v4(200), 53)).toBe(0);
    expect(flows.take(7, ConversationType.UDP, v4(101), 1000, v4(200), 53)).toBe(10);
    expect(flows.take(7, ConversationType.UDP, v4(103), 1000, v4(200), 53)).toBe(30);
    expect(flows.count).toBe(0);
  });

  it('over its size drops the tenth seen the longest ago, and reuses their room', () => {
    const flows = new ForgottenFlows(state, 20);
    const random = seededRandom(9);
    const frames = Array.from({ length: 21 }, () => Math.floor(random() * 1000));
    frames.forEach((frame, i) => flows.add(i % 3, ConversationType.UDP, v4(i), 1, v4(0), 2, frame, i));
    expect(flows.count).toBe(19);
    const oldest = frames.map((f, i) => [f, i] as const).sort((a, b) => a[0] - b[0]).slice(0, 2).map(([, i]) => i);
    for (let i = 0; i < 21; i++) expect(flows.take(i % 3, ConversationType.UDP, v4(i), 1, v4(0), 2), `flow ${i}`).toBe(oldest.includes(i) ? undefined : i);
  });

  it('tells apart endpoints above 128.0.0.0 and ports above 32767 (negative as 32-bit integers)', () => {
    const flows = new ForgottenFlows(state, 100);
    const high = (a: number) => (0xc0a80000 | a) | 0;
    flows.add(1, ConversationType.UDP, v4(high(1)), 65535, v4(high(2)), 32768, 5, 1);
    flows.add(1, ConversationType.UDP, v4(high(1)), 65534, v4(high(2)), 32768, 6, 2);
    flows.add(1, ConversationType.UDP, v4(high(1)), 65535, v4(high(2)), 32769, 7, 3);
    expect(flows.take(1, ConversationType.UDP, v4(high(2)), 32769, v4(high(1)), 65535)).toBe(3);
    expect(flows.take(1, ConversationType.UDP, v4(high(1)), 65535, v4(high(2)), 32768)).toBe(1);
    expect(flows.take(1, ConversationType.UDP, v4(high(1)), 65535, v4(high(2)), 32768)).toBeUndefined();
    expect(flows.take(1, ConversationType.UDP, v4(high(2)), 32768, v4(high(1)), 65534)).toBe(2);
  });

  it('keeps IPv6 endpoints whole: addresses that differ in any one word are other flows', () => {
    const flows = new ForgottenFlows(state, 100, 4);
    const server = v6(0, 0, 0x35);
    flows.add(3, ConversationType.UDP, v6(1, 2, 3), 5353, server, 53, 1, 1);
    flows.add(3, ConversationType.UDP, v6(1, 2, 4), 5353, server, 53, 2, 2);
    flows.add(3, ConversationType.UDP, v6(0x80000001, 2, 3), 5353, server, 53, 3, 3);
    expect(flows.take(3, ConversationType.UDP, v6(1, 0, 3), 5353, server, 53)).toBeUndefined();
    expect(flows.take(3, ConversationType.UDP, server, 53, v6(0x80000001, 2, 3), 5353)).toBe(3);
    expect(flows.take(3, ConversationType.UDP, v6(1, 2, 4), 5353, server, 53)).toBe(2);
    expect(flows.take(3, ConversationType.UDP, server, 53, v6(1, 2, 3), 5353)).toBe(1);
    expect(flows.count).toBe(0);
    // Per slot: type, ports, last frame and eight address words, the state, a chain link.
    expect(flows.bytes).toBe(flows.slots * (11 * 4 + 8 + 4));
  });

  it('never holds room for more than its size (one more while it drops), however many it is given', () => {
    const max = 100_000;
    const wide = { ...state, width: 5 };
    const flows = new ForgottenFlows(wide, max);
    for (let i = 0; i < 3 * max; i++) flows.add(i & 0xffff, ConversationType.UDP, v4(i), 1, v4(-i), 2, i, i);
    expect(flows.count).toBeLessThanOrEqual(max);
    // Grown by doubling it would hold 131,072.
    expect(flows.slots).toBe(max + 1);
    // Per slot: type, ports, last frame and two IPv4 addresses as 32-bit integers, five state numbers, a chain link.
    expect(flows.bytes).toBe((max + 1) * (5 * 4 + 5 * 8 + 4));
  });
});
