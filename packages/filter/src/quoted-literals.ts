import { fail, type SourceSpan } from './filter-syntax-error.js';

/**
 * The inside of "..." strings and '...' character constants, decoded as
 * Wireshark 4.0's scanner does (C escapes, \xNN, \NNN, \uXXXX, \UXXXXXXXX;
 * raw r"..." strings keep every escape verbatim).
 */

const utf8 = new TextEncoder();

export interface ScannedString {
  /** The bytes the literal denotes. */
  bytes: Uint8Array;
  /** Offset just past the closing quote. */
  end: number;
}

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 0x5c, "'": 0x27, '"': 0x22 };

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9A-Fa-f]$/.test(c);
}

/**
 * A universal character name (\uXXXX or \UXXXXXXXX) as C23 allows it:
 * exactly 4 or 8 digits, not a control or basic character, not a surrogate.
 */
function universalCharacter(ucn: string): number | null {
  const digits = ucn[1] === 'u' ? 4 : ucn[1] === 'U' ? 8 : 0;
  if (digits === 0 || ucn.length < digits + 2) return null;
  const hex = ucn.slice(2, 2 + digits);
  if (!/^[0-9A-Fa-f]+$/.test(hex)) return null;
  const v = parseInt(hex, 16);
  if (v < 0xa0 && v !== 0x24 && v !== 0x40 && v !== 0x60) return null;
  if (v >= 0xd800 && v <= 0xdfff) return null;
  if (v > 0x10ffff) return null;
  return v;
}

/** Scan a double-quoted string whose opening quote ends at `from`; `quoteStart` is where r" or " began. */
export function scanQuotedString(text: string, from: number, raw: boolean): ScannedString {
  const out: number[] = [];
  const appendText = (s: string): void => {
    for (const b of utf8.encode(s)) out.push(b);
  };
  let p = from;
  for (;;) {
    if (p >= text.length) fail('The final quote was missing from a quoted string.', { start: text.length, length: 0 });
    const c = text[p]!;
    if (c === '"') return { bytes: Uint8Array.from(out), end: p + 1 };
    if (c !== '\\') {
      let q = p;
      while (q < text.length && text[q] !== '\\' && text[q] !== '"') q++;
      appendText(text.slice(p, q));
      p = q;
      continue;
    }
    const piece = escapePiece(text, p);
    const at: SourceSpan = { start: p, length: piece.length };
    p += piece.length;
    if (raw) {
      appendText(piece);
      continue;
    }
    const kind = piece[1];
    if (kind !== undefined && /[0-7]/.test(kind)) {
      const v = parseInt(piece.slice(1), 8);
      if (v > 0xff) fail(`${piece} is larger than 255.`, at);
      out.push(v);
    } else if (kind === 'x' && piece.length > 2) {
      out.push(parseInt(piece.slice(2), 16));
    } else if (kind === 'u' || kind === 'U') {
      const v = universalCharacter(piece);
      if (v === null) fail(`${piece} is not a valid universal character name`, at);
      appendText(String.fromCodePoint(v));
    } else {
      const v = kind === undefined ? undefined : SIMPLE_ESCAPES[kind];
      if (v === undefined) fail(`\\${kind ?? ''} is not a valid character escape sequence`, at);
      out.push(v);
    }
  }
}

const ESCAPES = [/\\[0-7]{1,3}/y, /\\x[0-9A-Fa-f]{1,2}/y, /\\u[0-9A-Fa-f]{0,4}/y, /\\U[0-9A-Fa-f]{0,8}/y];

/** The escape sequence starting at the backslash at `p`, as the scanner's longest rule takes it. */
function escapePiece(text: string, p: number): string {
  for (const re of ESCAPES) {
    re.lastIndex = p;
    const m = re.exec(text);
    if (m) return m[0];
  }
  // A lone backslash or one before a code point outside the BMP still takes one whole character.
  const next = text.codePointAt(p + 1);
  return next === undefined ? '\\' : '\\' + String.fromCodePoint(next);
}

/** Where a character constant starting with the quote at `from` ends (just past its closing quote). */
export function scanCharConstEnd(text: string, from: number): number {
  let p = from + 1;
  for (;;) {
    if (p >= text.length) fail('The final quote was missing from a character constant.', { start: text.length, length: 0 });
    const c = text[p]!;
    if (c === "'") return p + 1;
    p += c === '\\' && p + 1 < text.length ? 2 : 1;
  }
}

/**
 * The value of a character constant ('a', '\n', '\x41', '\101', '\u00e9'),
 * with Wireshark 4.0's messages; `s` includes both quotes.
 */
export function charConstValue(s: string, at: SourceSpan): number {
  let cp = 1;
  let value: number;
  if (s[cp] === "'") fail('Empty character constant.', at);
  if (s[cp] === '\\') {
    cp++;
    const c = s[cp];
    switch (c) {
      case 'a': value = 7; cp++; break;
      case 'b': value = 8; cp++; break;
      case 'f': value = 12; cp++; break;
      // Wireshark 4.0 does not step over the 'n', so '\n' is reported as too long.
      case 'n': value = 10; break;
      case 'r': value = 13; cp++; break;
      case 't': value = 9; cp++; break;
      case 'v': value = 11; cp++; break;
      case "'": value = 0x27; cp++; break;
      case '\\': value = 0x5c; cp++; break;
      case '"': value = 0x22; cp++; break;
      case 'x': {
        cp++;
        if (!isHex(s[cp])) fail(`${s} isn't a valid character constant.`, at);
        value = parseInt(s[cp]!, 16);
        cp++;
        if (s[cp] !== "'") {
          if (!isHex(s[cp])) fail(`${s} isn't a valid character constant.`, at);
          value = value * 16 + parseInt(s[cp]!, 16);
          cp++;
        }
        break;
      }
      case 'u': case 'U': {
        const digits = c === 'u' ? 4 : 8;
        const v = universalCharacter(s.slice(cp - 1, cp + 1 + digits));
        if (v === null) fail(`${s} is not a valid universal character name`, at);
        value = v;
        cp += 1 + digits;
        break;
      }
      default: {
        if (c === undefined || !/[0-7]/.test(c)) fail(`${s} isn't a valid character constant.`, at);
        value = Number(c);
        for (let i = 0; i < 2 && s[cp + 1] !== "'"; i++) {
          cp++;
          if (!/[0-7]/.test(s[cp] ?? '')) fail(`${s} isn't a valid character constant.`, at);
          value = value * 8 + Number(s[cp]);
        }
        if (value > 0xff) fail(`${s} is too large to be a valid character constant.`, at);
        cp++;
      }
    }
  } else {
    const code = s.codePointAt(cp)!;
    // The scanner reads one byte: a non-ASCII character shows as its first UTF-8 byte.
    value = code < 0x80 ? code : utf8.encode(String.fromCodePoint(code))[0]!;
    if (value < 0x20 || value > 0x7e) fail(`Non-printable value '0x${value.toString(16).padStart(2, '0')}' in character constant.`, at);
    cp++;
  }
  if (s[cp] !== "'" || cp + 1 !== s.length) fail(`${s} is too long to be a valid character constant.`, at);
  return value;
}

/** A string's bytes re-escaped and quoted, as tshark shows string tokens in messages. */
export function escapeStringToken(bytes: Uint8Array): string {
  let s = '"';
  const named: Record<number, string> = { 7: 'a', 8: 'b', 12: 'f', 10: 'n', 13: 'r', 9: 't', 11: 'v', 0x22: '"', 0x5c: '\\', 0: '0' };
  let plain: number[] = [];
  const flush = (): void => {
    if (plain.length) s += Buffer.from(plain).toString('utf8');
    plain = [];
  };
  for (const b of bytes) {
    const n = named[b];
    if (n !== undefined) {
      flush();
      s += '\\' + n;
    } else {
      plain.push(b);
    }
  }
  flush();
  return s + '"';
}
