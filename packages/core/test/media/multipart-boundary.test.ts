import { describe, expect, it } from 'vitest';
import { findFirstBoundary, findNextBoundary, type Boundary } from '../../src/media/multipart-boundary.js';
import { bytesEqual, findLineEnd } from '../../src/dissection/tvb-line-end.js';
import { DataSource } from '../../src/dissection/data-source.js';
import { Tvb } from '../../src/dissection/tvb.js';

// The plain line-by-line scans of packet-multipart.c, as the oracle for the ones that skip lines.
function firstByLines(tvb: Tvb, boundary: string): Boundary {
  let off = 0;
  while (off + 2 + boundary.length < tvb.length) {
    if (bytesEqual(tvb, off, '--') && bytesEqual(tvb, off + 2, boundary)) {
      const last = off + 2 + boundary.length + 2 <= tvb.reported && bytesEqual(tvb, off + 2 + boundary.length, '--');
      return { start: off, lineLen: findLineEnd(tvb, off).next - off, last };
    }
    off = findLineEnd(tvb, off).next;
  }
  return { start: -1, lineLen: -1, last: false };
}

function nextByLines(tvb: Tvb, from: number, boundary: string): Boundary {
  const blen = boundary.length;
  let off = from;
  while (off + 2 + blen < tvb.length) {
    const le = findLineEnd(tvb, off);
    let start = off + le.len;
    if (bytesEqual(tvb, le.next, '--') && bytesEqual(tvb, le.next + 2, boundary)) {
      const last = le.next + 2 + blen + 2 <= tvb.reported && bytesEqual(tvb, le.next + 2 + blen, '--');
      return { start, lineLen: findLineEnd(tvb, le.next).next - start, last };
    }
    if (bytesEqual(tvb, start - 2, '--') && bytesEqual(tvb, start - (2 + blen), boundary) && bytesEqual(tvb, start - (4 + blen), '--')) {
      start -= 4 + blen;
      return { start, lineLen: le.next - start, last: true };
    }
    off = le.next;
  }
  return { start: -1, lineLen: -1, last: false };
}

/** A small deterministic generator (xorshift32), so a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** A body of short pieces: text, every kind of line end, the boundary and near misses, in random order. */
function body(rand: () => number, boundary: string): Uint8Array {
  const pieces = ['a', 'xyz', '-', '--', '\r', '\n', '\r\n', `--${boundary}`, `--${boundary}--`, `--${boundary.slice(0, -1)}`, boundary, '\u00e9'];
  let s = '';
  const n = Math.floor(rand() * 40);
  for (let i = 0; i < n; i++) s += pieces[Math.floor(rand() * pieces.length)]!;
  return Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
}

describe('multipart delimiter search', () => {
  it('finds the same first and next delimiters as a line-by-line scan, in 20,000 random bodies', () => {
    const rand = random(0x5eed);
    let found = 0;
    for (let i = 0; i < 20_000; i++) {
      const boundary = ['b', 'XyZ', 'frontier-42'][i % 3]!;
      const bytes = body(rand, boundary);
      // A window inside a larger data source, as reassembled bodies are.
      const pad = Math.floor(rand() * 4);
      const whole = new Uint8Array(bytes.length + 2 * pad).fill(0x2d);
      whole.set(bytes, pad);
      const tvb = new Tvb(new DataSource('body', whole), pad, bytes.length, bytes.length);
      const first = findFirstBoundary(tvb, boundary);
      expect(first).toEqual(firstByLines(tvb, boundary));
      const from = Math.floor(rand() * (bytes.length + 1));
      const next = findNextBoundary(tvb, from, boundary);
      expect(next).toEqual(nextByLines(tvb, from, boundary));
      if (first.start >= 0 || next.start >= 0) found++;
    }
    // The bodies exercise both outcomes.
    expect(found).toBeGreaterThan(2_000);
    expect(found).toBeLessThan(19_000);
  });

  it('skips a long part to the delimiter that ends it', () => {
    const text = `--b\r\n${'line of text\r\n'.repeat(5000)}--b--\r\n`;
    const tvb = Tvb.fromBytes('body', new TextEncoder().encode(text));
    const end = text.indexOf('\r\n--b--');
    expect(findNextBoundary(tvb, 5, 'b')).toEqual({ start: end, lineLen: 9, last: true });
  });
});
