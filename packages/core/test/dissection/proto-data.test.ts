import { describe, expect, it } from 'vitest';
import { ProtoData } from '../../src/dissection/conversation-table.js';
import { seededRandom } from '../../../../test/support/seeded-random.js';

describe('ProtoData (per-protocol conversation state)', () => {
  it('behaves as a Map under 20,000 random sets, gets, deletes and has', () => {
    const random = seededRandom(5);
    const keys = ['tcp', 'udp', 'dns', 'http', 'ftp', 'ftp-data', 'smtp'];
    const data = new ProtoData();
    const reference = new Map<string, unknown>();
    for (let i = 0; i < 20_000; i++) {
      const key = keys[Math.floor(random() * keys.length)]!;
      const r = random();
      if (r < 0.4) {
        const value = { i };
        expect(data.set(key, value)).toBe(data);
        reference.set(key, value);
      } else if (r < 0.6) {
        expect(data.delete(key), `delete ${key} at ${i}`).toBe(reference.delete(key));
      } else {
        expect(data.has(key), `has ${key} at ${i}`).toBe(reference.has(key));
      }
      for (const k of keys) expect(data.get(k), `get ${k} at ${i}`).toBe(reference.get(k));
    }
  });

  it('keeps a value that is undefined apart from no value', () => {
    const data = new ProtoData();
    data.set('tcp', undefined);
    expect(data.has('tcp')).toBe(true);
    expect(data.has('udp')).toBe(false);
    data.set('udp', 1).set('dns', 2);
    expect([data.get('tcp'), data.get('udp'), data.get('dns')]).toEqual([undefined, 1, 2]);
  });
});
