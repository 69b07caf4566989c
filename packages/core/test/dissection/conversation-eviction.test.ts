import { describe, expect, it } from 'vitest';
import { Address } from '../../src/dissection/address.js';
import { ConversationTable, ConversationType } from '../../src/dissection/conversation-table.js';
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
