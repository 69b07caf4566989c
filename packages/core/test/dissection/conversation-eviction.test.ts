import { describe, expect, it } from 'vitest';
import { Address } from '../../src/dissection/address.js';
import { ConversationTable, ConversationType, rememberWhenForgotten } from '../../src/dissection/conversation-table.js';
import { ForgottenFlows } from '../../src/dissection/forgotten-flows.js';
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

describe('ForgottenFlows', () => {
  const state = { key: 's', width: 1, pack: (v: unknown, out: Float64Array, at: number) => ((out[at] = v as number), true), unpack: (f: Float64Array, at: number) => f[at] };

  it('keeps flows that share a key apart, takes each once, either way round', () => {
    const flows = new ForgottenFlows(state, 100);
    for (let i = 0; i < 5; i++) flows.add(7, ConversationType.UDP, 100 + i, 1000, 200, 53, i, i * 10);
    expect(flows.take(7, ConversationType.UDP, 102, 1000, 200, 53)).toBe(20);
    expect(flows.take(7, ConversationType.UDP, 102, 1000, 200, 53)).toBeUndefined();
    expect(flows.take(7, ConversationType.TCP, 200, 53, 104, 1000)).toBeUndefined();
    expect(flows.take(7, ConversationType.UDP, 200, 53, 104, 1000)).toBe(40);
    expect(flows.take(7, ConversationType.UDP, 100, 1000, 200, 53)).toBe(0);
    expect(flows.take(7, ConversationType.UDP, 101, 1000, 200, 53)).toBe(10);
    expect(flows.take(7, ConversationType.UDP, 103, 1000, 200, 53)).toBe(30);
    expect(flows.count).toBe(0);
  });

  it('over its size drops the tenth seen the longest ago, and reuses their room', () => {
    const flows = new ForgottenFlows(state, 20);
    const random = seededRandom(9);
    const frames = Array.from({ length: 21 }, () => Math.floor(random() * 1000));
    frames.forEach((frame, i) => flows.add(i % 3, ConversationType.UDP, i, 1, 0, 2, frame, i));
    expect(flows.count).toBe(19);
    const oldest = frames.map((f, i) => [f, i] as const).sort((a, b) => a[0] - b[0]).slice(0, 2).map(([, i]) => i);
    for (let i = 0; i < 21; i++) expect(flows.take(i % 3, ConversationType.UDP, i, 1, 0, 2), `flow ${i}`).toBe(oldest.includes(i) ? undefined : i);
  });
});
