import { escapeForTerminal } from '../output/terminal-safety.js';

// Unicode that reorders or breaks lines (bidi controls, line/paragraph separators) and zero-width joiners.
const LAYOUT_BREAKER = /[\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
const LAYOUT_BREAKERS = new RegExp(LAYOUT_BREAKER.source, 'g');

/**
 * Text from a packet made safe for one cell of the screen: control
 * characters and escape sequences shown escaped (DESIGN.md, "Bad input and
 * safety"), and also tabs, newlines and the Unicode that would move text
 * around, because Ink writes strings to the terminal as they are.
 */
export function safeText(s: string): string {
  let out = escapeForTerminal(s, false);
  if (out.includes('\t')) out = out.replaceAll('\t', '\\t');
  if (LAYOUT_BREAKER.test(out)) out = out.replace(LAYOUT_BREAKERS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return out;
}

/**
 * An empty line of a pane. One cell, not a full width of spaces: Ink
 * tokenizes every character it draws on every redraw, and a line without
 * a background needs no padding.
 */
export const BLANK = ' ';

/** `s` cut to at most `width` columns (one column per UTF-16 unit), with an ellipsis when cut. */
export function cut(s: string, width: number): string {
  if (width <= 0) return '';
  if (s.length > width) return width > 1 ? `${s.slice(0, width - 1)}…` : s.slice(0, width);
  return s;
}

/** `s` cut or padded with spaces to exactly `width` columns: for lines with a background colour. */
export function fit(s: string, width: number): string {
  return cut(s, width).padEnd(Math.max(0, width), ' ');
}

/** Right-aligned variant of fit(). */
export function fitRight(s: string, width: number): string {
  if (width <= 0) return '';
  if (s.length > width) return s.slice(0, width);
  return s.padStart(width, ' ');
}
