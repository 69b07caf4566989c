/**
 * Changes to the text of application payloads: the sizes text protocols
 * announce (HTTP Content-Length and chunk sizes, IMAP {n} literals, SMTP
 * BDAT, any number), line endings, terminal escape sequences and broken
 * UTF-8. The frame is rebuilt with IP/UDP lengths that match the new text.
 */
import { setBytes, type PacketMutator } from './mutation.js';
import { withPayload, type PacketLayout } from './packet-layout.js';
import type { Random } from './random.js';
import type { RawPacket } from '@netdissect/core';

/** Sizes a parser must not trust: zero, 32/64-bit edges, beyond 2^53, signed, odd spellings. */
const HOSTILE_NUMBERS = [
  '0', '1', '-1', '4294967295', '4294967296', '2147483648', '18446744073709551615', '9007199254740993',
  '99999999999999999999999999', '+5', ' 7', '00000000000000000000001', '1e9', '0x10', '',
];
const HOSTILE_HEX = ['0', 'ffffffff', 'fffffffffffffffff', '7fffffff', '100000000', '-1', 'ffffffffffffffffffffffffffff', 'g', ''];

/** Sequences that move the cursor, clear the screen, set the clipboard or retitle the window, and friends. */
export const TERMINAL_ESCAPES = [
  '\x1b[2J', '\x1b]52;c;cHduZWQ=\x07', '\x1b]0;title\x07', '\x1b[1;31m', '\x1bc', '\r', '\b\b\b\b', '\x00', '\x7f', '\x07',
  '\u009b2J', '\u202eevil', '\x1b[6n', '\x1bP+q\x1b\\',
] as const;

const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

function payloadOf(p: RawPacket, layout: PacketLayout): { text: string; layout: PacketLayout } | null {
  const pl = layout.payload;
  if (!pl || pl.end <= pl.offset) return null;
  return { text: latin1(p.bytes.subarray(pl.offset, pl.end)), layout };
}

function replacePayload(p: RawPacket, layout: PacketLayout, text: string): void {
  setBytes(p, withPayload(p.bytes, layout, Buffer.from(text, 'latin1')));
}

/** Replace one match of `re` (chosen at random) through `make`; null when nothing matches. */
function replaceOne(text: string, re: RegExp, rng: Random, make: (m: RegExpExecArray) => string): { text: string; was: string; now: string } | null {
  const matches = [...text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))];
  if (matches.length === 0) return null;
  const m = rng.pick(matches) as RegExpExecArray;
  const now = make(m);
  return { text: text.slice(0, m.index) + now + text.slice(m.index + m[0].length), was: m[0], now };
}

/** A text mutator: a pattern in the payload and what to put in its place. */
function textMutator(kind: string, weight: number, re: RegExp, make: (m: RegExpExecArray, rng: Random) => string): PacketMutator {
  return {
    kind,
    weight,
    apply(p, layout, { rng }) {
      const pl = payloadOf(p, layout);
      if (!pl) return null;
      const r = replaceOne(pl.text, re, rng, (m) => make(m, rng));
      if (!r) return null;
      replacePayload(p, layout, r.text);
      return `${JSON.stringify(r.was.slice(0, 60))} -> ${JSON.stringify(r.now.slice(0, 60))}`;
    },
  };
}

export const contentLength = textMutator('http-content-length', 3, /(content-length:[ \t]*)(\d*)/i, (m, rng) => m[1] + rng.pick(HOSTILE_NUMBERS));

/** A chunk-size line of a chunked body (hex digits alone on a line). */
export const chunkSize = textMutator('http-chunk-size', 3, /(^|\r\n)([0-9a-fA-F]{1,8})(;[^\r\n]*)?\r\n/, (m, rng) => `${m[1]}${rng.pick(HOSTILE_HEX)}${m[3] ?? ''}\r\n`);

export const imapLiteral = textMutator('imap-literal', 3, /\{(\d+)(\+?)\}/, (m, rng) => `{${rng.pick(['4294967295', '4294967294', '0', '18446744073709551615', '99999999999', '2147483648', m[1]!])}${m[2]}}`);

export const smtpBdat = textMutator('smtp-bdat', 2, /BDAT[ \t]+(\d+)/i, (_m, rng) => `BDAT ${rng.pick(HOSTILE_NUMBERS)}`);

/** Any decimal number: POP3 sizes, FTP PORT/PASV/EPSV arguments, status codes, dates, versions... */
export const anyNumber = textMutator('text-number', 3, /\d+/, (_m, rng) => rng.pick(HOSTILE_NUMBERS));

export const lineEndings = textMutator('line-endings', 2, /\r\n|\n/, (_m, rng) => rng.pick(['', '\r', '\n', '\r\r\n', '\x00', '\r\n\r\n', '\r\n.\r\n', '\r\n'.repeat(40)]));

export const terminalEscape: PacketMutator = {
  kind: 'terminal-escape',
  weight: 3,
  apply(p, layout, { rng }) {
    const pl = payloadOf(p, layout);
    if (!pl) return null;
    const esc = rng.pick(TERMINAL_ESCAPES);
    // Encoded as UTF-8, then carried in the latin1 payload string byte for byte.
    const bytes = Buffer.from(esc, 'utf8').toString('latin1');
    const at = rng.below(pl.text.length + 1);
    const overwrite = rng.chance(0.5);
    const text = pl.text.slice(0, at) + bytes + pl.text.slice(overwrite ? at + bytes.length : at);
    replacePayload(p, layout, text);
    return `${JSON.stringify(esc)} ${overwrite ? 'over' : 'into'} payload at ${at}`;
  },
};

export const brokenUtf8: PacketMutator = {
  kind: 'broken-utf8',
  weight: 1,
  apply(p, layout, { rng }) {
    const pl = payloadOf(p, layout);
    if (!pl) return null;
    const junk = rng.pick(['\xc0\xaf', '\xed\xa0\x80', '\xf4\x90\x80\x80', '\xff\xfe', '\xe2\x82', '\xc2\x9b', '\xef\xbb\xbf']);
    const at = rng.below(pl.text.length + 1);
    replacePayload(p, layout, pl.text.slice(0, at) + junk + pl.text.slice(at));
    return `invalid UTF-8 ${JSON.stringify(junk)} at ${at}`;
  },
};

/** A long run of one character: long lines, long header values, long tokens. */
export const longRun: PacketMutator = {
  kind: 'long-run',
  weight: 1,
  apply(p, layout, { rng }) {
    const pl = payloadOf(p, layout);
    if (!pl) return null;
    const ch = rng.pick(['A', ' ', ':', ';', '=', '"', '(', '{', '-', '.', '0', '\t', '<', '\\', '%']);
    const n = rng.pick([256, 1024, 4000, 20000]);
    const at = rng.below(pl.text.length + 1);
    replacePayload(p, layout, pl.text.slice(0, at) + ch.repeat(n) + pl.text.slice(at));
    return `${n} x ${JSON.stringify(ch)} at ${at}`;
  },
};
