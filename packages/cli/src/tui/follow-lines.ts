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
function asciiLine(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (b === 0x09) s += ' '.repeat(TAB - (s.length % TAB));
    else s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  }
  return s;
}

function wrap(out: FollowLine[], side: FollowLine['side'], text: string, width: number): void {
  if (text.length <= width) {
    out.push({ side, text });
    return;
  }
  for (let i = 0; i < text.length; i += width) out.push({ side, text: text.slice(i, i + width) });
}

function gapText(r: FollowRecord): string {
  return `[${r.missing ?? 0} bytes missing in capture file]`;
}

function asciiLines(records: readonly FollowRecord[], width: number): FollowLine[] {
  const out: FollowLine[] = [];
  for (const r of records) {
    const side = r.isServer ? 'server' : 'client';
    if (r.gap) {
      out.push({ side: 'note', text: gapText(r) });
      continue;
    }
    const d = r.data;
    let start = 0;
    for (let i = 0; i <= d.length; i++) {
      if (i < d.length && d[i] !== 0x0a) continue;
      // A line break ends the line; a chunk's unterminated tail is a line of its own.
      let end = i;
      if (end > start && d[end - 1] === 0x0d) end--;
      if (i < d.length || end > start) wrap(out, side, asciiLine(d, start, end), width);
      start = i + 1;
    }
  }
  return out;
}

function hexLines(records: readonly FollowRecord[], width: number): FollowLine[] {
  const out: FollowLine[] = [];
  const offset = [0, 0];
  for (const r of records) {
    const s = r.isServer ? 1 : 0;
    if (r.gap) {
      out.push({ side: 'note', text: gapText(r) });
      continue;
    }
    const indent = r.isServer ? '    ' : '';
    for (let i = 0; i < r.data.length; i += 16) {
      let hex = '';
      for (let j = 0; j < 16; j++) {
        const at = i + j;
        hex += (j === 8 ? ' ' : '') + (at < r.data.length ? r.data[at]!.toString(16).padStart(2, '0') : '  ') + ' ';
      }
      const pos = (offset[s]! + i).toString(16).padStart(8, '0');
      const end = Math.min(i + 16, r.data.length);
      // The ASCII column has the same gap after eight bytes as the hex one, as in tshark.
      const ascii = asciiLine(r.data, i, Math.min(i + 8, end)) + (end > i + 8 ? ` ${asciiLine(r.data, i + 8, end)}` : '');
      wrap(out, r.isServer ? 'server' : 'client', `${indent}${pos}  ${hex} ${ascii}`, width);
    }
    offset[s] += r.data.length;
  }
  return out;
}

function transcript(records: readonly FollowRecord[], width: number, serverPort: number | undefined): FollowLine[] {
  const out: FollowLine[] = [];
  for (const l of transcriptLines(records, serverPort === undefined ? {} : { serverPort })) {
    wrap(out, l.speaker === 'C' ? 'client' : 'server', l.text ? `${l.speaker}: ${l.text}` : `${l.speaker}:`, width);
  }
  return out;
}

/**
 * The lines of a followed stream in `mode`, wrapped to `width` columns
 * (`serverPort` tells the transcript which protocol it is reading).
 */
export function followLines(records: readonly FollowRecord[], mode: FollowMode, width: number, serverPort?: number): FollowLine[] {
  const w = Math.max(8, width);
  switch (mode) {
    case 'hex': return hexLines(records, w);
    case 'ascii': return asciiLines(records, w);
    case 'transcript': return transcript(records, w, serverPort);
  }
}
