import type { FollowRecord } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../test/support/seeded-random.js';
import { asciiLine, followText, hexRow, type FollowLine, type FollowText } from '../../src/tui/follow-lines.js';

/** Records of a made-up conversation: text lines (CRLF, LF, tabs), binary runs, gaps, empty and long lines. */
function randomRecords(random: () => number): FollowRecord[] {
  const records: FollowRecord[] = [];
  const pieces = ['GET / HTTP/1.1\r\n', 'Host: x\r\n', '\r\n', 'a\tb\t\tc\n', '\n', '\r', 'no end', '\t', 'x'.repeat(50)];
  for (let n = Math.floor(random() * 8); n >= 0; n--) {
    const isServer = random() < 0.5;
    if (random() < 0.1) {
      records.push({ frame: 1, tsSec: 0, tsNsec: 0, isServer, data: new Uint8Array(0), seq: 0, gap: true, missing: 1 + Math.floor(random() * 99) });
      continue;
    }
    const bytes: number[] = [];
    for (let k = Math.floor(random() * 12); k > 0; k--) {
      if (random() < 0.3) for (let b = Math.floor(random() * 40); b > 0; b--) bytes.push(Math.floor(random() * 256));
      else for (const c of pieces[Math.floor(random() * pieces.length)]!) bytes.push(c.charCodeAt(0));
    }
    records.push({ frame: 1, tsSec: 0, tsNsec: 0, isServer, data: Uint8Array.from(bytes), seq: 0 });
  }
  return records;
}

// The reference: every line made at once, byte by byte, cut to the width.
function wrapped(side: FollowLine['side'], text: string, width: number): FollowLine[] {
  if (text.length <= width) return [{ side, text }];
  const out: FollowLine[] = [];
  for (let i = 0; i < text.length; i += width) out.push({ side, text: text.slice(i, i + width) });
  return out;
}

const gapLine = (r: FollowRecord): FollowLine => ({ side: 'note', text: `[${r.missing} bytes missing in capture file]` });

function eagerAscii(records: readonly FollowRecord[], width: number): FollowLine[] {
  return records.flatMap((r) => {
    if (r.gap) return [gapLine(r)];
    const out: FollowLine[] = [];
    const d = r.data;
    let start = 0;
    for (let i = 0; i <= d.length; i++) {
      if (i < d.length && d[i] !== 0x0a) continue;
      let end = i;
      if (end > start && d[end - 1] === 0x0d) end--;
      if (i < d.length || end > start) out.push(...wrapped(r.isServer ? 'server' : 'client', asciiLine(d, start, end), width));
      start = i + 1;
    }
    return out;
  });
}

function eagerHex(records: readonly FollowRecord[], width: number): FollowLine[] {
  const offsets = [0, 0];
  return records.flatMap((r) => {
    if (r.gap) return [gapLine(r)];
    const s = r.isServer ? 1 : 0;
    const out: FollowLine[] = [];
    for (let i = 0; i < r.data.length; i += 16) out.push(...wrapped(r.isServer ? 'server' : 'client', hexRow(r, offsets[s]!, i), width));
    offsets[s]! += r.data.length;
    return out;
  });
}

/** Every line of a FollowText, in order. */
const all = (t: FollowText): FollowLine[] => Array.from({ length: t.length }, (_, i) => t.line(i)!);

describe('the lines of a followed stream, made when shown', () => {
  it('are the lines of each record in turn, in ASCII and hex, at any width (3,000 random streams)', () => {
    const random = seededRandom(3);
    for (let n = 0; n < 3000; n++) {
      const records = randomRecords(random);
      const width = [8, 13, 40, 80, 81, 100, 120, 160, 200][Math.floor(random() * 9)]!;
      expect(all(followText(records, 'ascii', width)), `stream ${n}, ascii, width ${width}`).toEqual(eagerAscii(records, width));
      expect(all(followText(records, 'hex', width)), `stream ${n}, hex, width ${width}`).toEqual(eagerHex(records, width));
    }
  });

  it('find any line of a 1 MB download by its number, in ASCII and hex', () => {
    const data = new Uint8Array(1 << 20).map((_, i) => (i % 97 === 0 ? 0x0a : 0x41 + (i % 26)));
    const records: FollowRecord[] = [{ frame: 1, tsSec: 0, tsNsec: 0, isServer: false, data: new TextEncoder().encode('GET /big HTTP/1.1\r\n\r\n'), seq: 0 }];
    for (let at = 0; at < data.length; at += 1448) records.push({ frame: 2, tsSec: 0, tsNsec: 0, isServer: true, data: data.subarray(at, at + 1448), seq: at });
    const ascii = followText(records, 'ascii', 160);
    const hex = followText(records, 'hex', 160);
    expect(hex.length).toBe(Math.ceil(21 / 16) + records.slice(1).reduce((n, r) => n + Math.ceil(r.data.length / 16), 0));
    expect(hex.line(hex.length - 1)!.text).toMatch(/^ {4}000ffff0 {2}/);
    expect(ascii.line(0)).toEqual({ side: 'client', text: 'GET /big HTTP/1.1' });
    // The download starts with a line break, then lines of 96 letters; a record boundary cuts a line in two.
    expect(ascii.line(2)).toEqual({ side: 'server', text: '' });
    expect(ascii.line(3)).toEqual({ side: 'server', text: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.repeat(5).slice(1, 97) });
    const lastRecord = records.at(-1)!;
    const tail = lastRecord.data.subarray(lastRecord.data.lastIndexOf(0x0a) + 1);
    expect(ascii.line(ascii.length - 1)).toEqual({ side: 'server', text: new TextDecoder().decode(tail) });
  });
});
