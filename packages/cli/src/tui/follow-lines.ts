import type { FollowRecord } from '@netdissect/core';
import { transcriptLines } from '../stats/transcript.js';

/** ASCII and hex as in Wireshark; the transcript ("C: USER alice") as -z transcript prints it. */
export type FollowMode = 'ascii' | 'hex' | 'transcript';

/** One screen line of a followed stream. */
export interface FollowLine {
  /** Who sent it: the client (first sender), the server, or a note such as a gap. */
  side: 'client' | 'server' | 'note';
  text: string;
}

const TAB = 8;

/** Printable ASCII kept, tabs expanded, everything else '.', as Wireshark's ASCII view. */
export function asciiLine(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (b === 0x09) s += ' '.repeat(TAB - (s.length % TAB));
    else s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  }
  return s;
}

/** The length of asciiLine(bytes, from, to), without making it. */
function asciiColumns(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n += bytes[i] === 0x09 ? TAB - (n % TAB) : 1;
  return n;
}

/** Screen lines a text of `columns` columns takes: it is cut every `width` columns. */
const screenLines = (columns: number, width: number): number => (columns <= width ? 1 : Math.ceil(columns / width));

/** Screen line `piece` of `text` cut to `width` columns. */
const screenPiece = (text: string, piece: number, width: number): string => (text.length <= width ? text : text.slice(piece * width, (piece + 1) * width));

function wrap(out: FollowLine[], side: FollowLine['side'], text: string, width: number): void {
  for (let p = 0, n = screenLines(text.length, width); p < n; p++) out.push({ side, text: screenPiece(text, p, width) });
}

function gapText(r: FollowRecord): string {
  return `[${r.missing ?? 0} bytes missing in capture file]`;
}

/** The [start, end) of each text line of `d`: lines end at LF (a CR before it dropped), an unterminated tail is a line too. */
export function forEachAsciiLine(d: Uint8Array, visit: (start: number, end: number) => void): void {
  let start = 0;
  for (;;) {
    const lf = d.indexOf(0x0a, start);
    const i = lf < 0 ? d.length : lf;
    let end = i;
    if (end > start && d[end - 1] === 0x0d) end--;
    if (lf >= 0 || end > start) visit(start, end);
    if (lf < 0) return;
    start = lf + 1;
  }
}

/** The hex dump row of a record's 16 bytes from `i`; `offset` is where the record starts in its direction's bytes. */
export function hexRow(r: FollowRecord, offset: number, i: number): string {
  let hex = '';
  for (let j = 0; j < 16; j++) {
    const at = i + j;
    hex += (j === 8 ? ' ' : '') + (at < r.data.length ? r.data[at]!.toString(16).padStart(2, '0') : '  ') + ' ';
  }
  const pos = (offset + i).toString(16).padStart(8, '0');
  const end = Math.min(i + 16, r.data.length);
  // The ASCII column has the same gap after eight bytes as the hex one, as in tshark.
  const ascii = asciiLine(r.data, i, Math.min(i + 8, end)) + (end > i + 8 ? ` ${asciiLine(r.data, i + 8, end)}` : '');
  return `${r.isServer ? '    ' : ''}${pos}  ${hex} ${ascii}`;
}

/** A hex row without its indent and ASCII column: offset, two spaces, the bytes, a space. */
const HEX_ROW_FIXED = 8 + 2 + 49 + 1;
/** Longest hex row without tabs: indent, the fixed part, an ASCII column of 8 + 1 + 8. */
const HEX_ROW_MAX = 4 + HEX_ROW_FIXED + 17;

/**
 * The screen lines of a followed stream, made when they are shown: a long
 * download has tens of thousands, and laying all of them out took longer
 * than dissecting the stream. Only where each record's lines start is
 * worked out at once.
 */
export interface FollowText {
  readonly length: number;
  line(i: number): FollowLine | undefined;
}

/** A record's share of the screen lines. */
interface Segment {
  count: number;
  line(j: number): FollowLine;
}

/** A gap's one line. */
function noteSegment(r: FollowRecord): Segment {
  const line: FollowLine = { side: 'note', text: gapText(r) };
  return { count: 1, line: () => line };
}

/**
 * A record's lines (text lines, hex rows), each made when one of its screen
 * lines is shown and cut to the width. `firsts` holds each line's first
 * screen line, and one entry more: the total.
 */
function piecedSegment(side: FollowLine['side'], firsts: readonly number[], make: (k: number) => string, width: number): Segment {
  let made = -1;
  let text = '';
  return {
    count: firsts.at(-1)!,
    line(j) {
      const k = lastAtOrBelow(firsts, j);
      // The pieces of a long line are asked for in turn: make it once.
      if (made !== k) {
        text = make(k);
        made = k;
      }
      return { side, text: screenPiece(text, j - firsts[k]!, width) };
    },
  };
}

/** ASCII lines of a record. */
function asciiSegment(r: FollowRecord, width: number): Segment {
  const d = r.data;
  const starts: number[] = [];
  const ends: number[] = [];
  const firsts: number[] = [0];
  let nextTab = d.indexOf(0x09);
  forEachAsciiLine(d, (start, end) => {
    if (nextTab >= 0 && nextTab < start) nextTab = d.indexOf(0x09, start);
    // Tabs expand, so only then must the line be measured.
    const columns = nextTab >= 0 && nextTab < end ? asciiColumns(d, start, end) : end - start;
    starts.push(start);
    ends.push(end);
    firsts.push(firsts.at(-1)! + screenLines(columns, width));
  });
  return piecedSegment(r.isServer ? 'server' : 'client', firsts, (k) => asciiLine(d, starts[k]!, ends[k]!), width);
}

/** Hex rows of a record: one screen line per 16 bytes unless a row is wider than the screen (tabs expand in its ASCII column). */
function hexSegment(r: FollowRecord, offset: number, width: number): Segment {
  const side = r.isServer ? 'server' : 'client';
  const d = r.data;
  if (width >= HEX_ROW_MAX && d.indexOf(0x09) < 0) return { count: Math.ceil(d.length / 16), line: (j) => ({ side, text: hexRow(r, offset, j * 16) }) };
  const firsts: number[] = [0];
  for (let i = 0; i < d.length; i += 16) {
    const end = Math.min(i + 16, d.length);
    const ascii = asciiColumns(d, i, Math.min(i + 8, end)) + (end > i + 8 ? 1 + asciiColumns(d, i + 8, end) : 0);
    firsts.push(firsts.at(-1)! + screenLines((r.isServer ? 4 : 0) + HEX_ROW_FIXED + ascii, width));
  }
  return piecedSegment(side, firsts, (k) => hexRow(r, offset, k * 16), width);
}

/** The last index of ascending `xs` whose value is at most `v`. */
function lastAtOrBelow(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xs[mid]! <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

class SegmentedText implements FollowText {
  private readonly firsts: number[] = [];
  readonly length: number;

  constructor(private readonly segments: Segment[]) {
    let n = 0;
    for (const s of segments) {
      this.firsts.push(n);
      n += s.count;
    }
    this.length = n;
  }

  line(i: number): FollowLine | undefined {
    if (i < 0 || i >= this.length) return undefined;
    // The last segment starting at or before i: never one without lines, which starts where the next one does.
    const k = lastAtOrBelow(this.firsts, i);
    return this.segments[k]!.line(i - this.firsts[k]!);
  }
}

function asciiText(records: readonly FollowRecord[], width: number): FollowText {
  return new SegmentedText(records.map((r) => (r.gap ? noteSegment(r) : asciiSegment(r, width))));
}

function hexText(records: readonly FollowRecord[], width: number): FollowText {
  const offset = [0, 0];
  return new SegmentedText(
    records.map((r) => {
      const s = r.isServer ? 1 : 0;
      const at = offset[s]!;
      if (!r.gap) offset[s] += r.data.length;
      return r.gap ? noteSegment(r) : hexSegment(r, at, width);
    }),
  );
}

function transcriptText(records: readonly FollowRecord[], width: number, serverPort: number | undefined): FollowText {
  const out: FollowLine[] = [];
  for (const l of transcriptLines(records, serverPort === undefined ? {} : { serverPort })) {
    wrap(out, l.speaker === 'C' ? 'client' : 'server', l.text ? `${l.speaker}: ${l.text}` : `${l.speaker}:`, width);
  }
  return { length: out.length, line: (i) => out[i] };
}

/**
 * The lines of a followed stream in `mode`, wrapped to `width` columns
 * (`serverPort` tells the transcript which protocol it is reading).
 */
export function followText(records: readonly FollowRecord[], mode: FollowMode, width: number, serverPort?: number): FollowText {
  const w = Math.max(8, width);
  switch (mode) {
    case 'hex': return hexText(records, w);
    case 'ascii': return asciiText(records, w);
    case 'transcript': return transcriptText(records, w, serverPort);
  }
}
