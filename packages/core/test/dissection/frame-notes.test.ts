import { describe, expect, it } from 'vitest';
import { DissectionSession, type RawPacket } from '../../src/index.js';
import { seededRandom } from '../../../../test/support/seeded-random.js';

/** A 14-byte Ethernet frame numbered `no`. */
function frame(no: number): RawPacket {
  return { no, tsSec: no, tsNsec: 0, tsPrecision: 6, caplen: 14, len: 14, linktype: 1, interfaceId: 0, bytes: new Uint8Array(14), dataOffset: -1 };
}

/**
 * Per-frame notes (p_add_proto_data) against a reference: one map per
 * key of frame -> value, emptied at each new frame of a one-pass session.
 */
function compareWithReference(keepHistory: boolean): void {
  const random = seededRandom(keepHistory ? 11 : 7);
  const session = new DissectionSession();
  session.keepHistory = keepHistory;
  const reference = new Map<string, Map<number, unknown>>();
  const keys = ['udp.heur', 'http.state', 'smtp.frame', 'ftp.cwd'];
  let no = 0;
  for (let i = 0; i < 5_000; i++) {
    const r = random();
    if (r < 0.1) {
      session.dissect(frame(++no), null);
      if (!keepHistory) reference.clear();
      continue;
    }
    const key = keys[Math.floor(random() * keys.length)]!;
    // Mostly the current frame, sometimes an earlier one (as "the request's frame" lookups do).
    const at = r < 0.8 || no < 2 ? no : 1 + Math.floor(random() * (no - 1));
    if (r < 0.5) {
      const value = { i };
      session.setFrameData(key, at, value);
      let m = reference.get(key);
      if (!m) reference.set(key, (m = new Map()));
      m.set(at, value);
    }
    expect(session.getFrameData(key, at), `op ${i}, ${key} of frame ${at} during ${no}`).toBe(reference.get(key)?.get(at));
  }
}

describe('per-frame notes', () => {
  it('on one pass, are seen during their frame only', () => {
    compareWithReference(false);
  });

  it('kept for revisits, stay for every frame', () => {
    compareWithReference(true);
  });
});
