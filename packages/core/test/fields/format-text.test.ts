import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../test/support/seeded-random.js';
import { formatBytesAsText, formatText, formatTextWsp } from '../../src/fields/format-text.js';

describe('formatText (format_text)', () => {
  it('escapes what a terminal would act on, as strutil.c writes it', () => {
    expect(formatText('GET / HTTP/1.1\r\n')).toBe('GET / HTTP/1.1\\r\\n');
    expect(formatText('\x1b[2Jx\x07\x08\x0c\x09\x0b\x00\x7f')).toBe('\\033[2Jx\\a\\b\\f\\t\\v\\000\\177');
    // Bidi overrides, unassigned code points and lone surrogates as \u; printable text beyond ASCII as itself.
    expect(formatText('a\u202eb\u0378c\ud800d')).toBe('a\\u202Eb\\u0378c\\uD800d');
    expect(formatText('Grüße 😀 \u{e0001}')).toBe('Grüße 😀 \\U000E0001');
    expect(formatTextWsp('a\tb\r\nc d')).toBe('a b  c d');
  });

  it('gives back the string itself when nothing needs escaping', () => {
    const s = 'x'.repeat(100_000);
    expect(formatText(s)).toBe(s);
  });

  it('formats a string as the concatenation of its formatted pieces', () => {
    const alphabet = ['a', 'Z', ' ', '~', '\r', '\n', '\t', '\x1b', '\x7f', 'é', '€', '\u202e', '\u0378', '😀', '\ud800', '\udc00'];
    const random = seededRandom(90210);
    for (let round = 0; round < 2_000; round++) {
      const pieces: string[] = [];
      for (let p = 0; p < 1 + Math.floor(random() * 6); p++) {
        let piece = '';
        for (let i = 0; i < Math.floor(random() * 12); i++) piece += alphabet[Math.floor(random() * alphabet.length)];
        pieces.push(piece);
      }
      const whole = pieces.join('');
      // Cutting between the halves of a surrogate pair changes what the halves are.
      let at = 0;
      let cutsPair = false;
      for (const p of pieces) {
        at += p.length;
        cutsPair ||= /[\ud800-\udbff]/.test(whole[at - 1] ?? '') && /[\udc00-\udfff]/.test(whole[at] ?? '');
      }
      if (cutsPair) continue;
      expect(formatText(whole)).toBe(pieces.map((p) => formatText(p)).join(''));
      expect(formatTextWsp(whole)).toBe(pieces.map((p) => formatTextWsp(p)).join(''));
    }
  });

  it('builds a long line with escapes without a string per character', () => {
    const line = `GET /${'u'.repeat(2_000_000)} HTTP/1.1\r\n`;
    const before = process.memoryUsage().heapUsed;
    const out = formatText(line);
    expect(out.length).toBe(line.length + 2);
    expect(out.endsWith('HTTP/1.1\\r\\n')).toBe(true);
    // One string object per character would take about 64 MB here.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(24 * 1024 * 1024);
  });
});

describe('formatBytesAsText (tvb_format_text)', () => {
  const text = (...b: number[]) => formatBytesAsText(Uint8Array.from(b));

  it('reads a sequence as long as its lead byte announces, one replacement character for a value beyond Unicode', () => {
    // f5 9f a8 86 is a four-byte form of a value above U+10FFFF; e8 is cut short by "~" (read again).
    expect(text(0x76, 0xf5, 0x9f, 0xa8, 0x86, 0xe8, 0x7e)).toBe('v\ufffd\ufffd~');
    // A surrogate written in three bytes is one character, not three.
    expect(text(0xed, 0xa0, 0x80, 0x41)).toBe('\ufffdA');
    // Five- and six-byte forms, a lone continuation byte, 0xfe, a sequence the data ends in.
    expect(text(0xf8, 0x88, 0x80, 0x80, 0x80, 0x80, 0xfe, 0x41, 0xe2, 0x82)).toBe('\ufffd\ufffd\ufffdA\ufffd');
  });

  it('keeps valid UTF-8, decodes overlong forms as their values, and escapes as formatText does', () => {
    expect(text(0x47, 0x72, 0xc3, 0xbc, 0xc3, 0x9f, 0x65, 0xf0, 0x9f, 0x98, 0x80)).toBe('Grüße😀');
    expect(text(0xc1, 0x81, 0xc0, 0x80)).toBe('A\\u0000');
    expect(text(0x61, 0x0d, 0x0a, 0x1b, 0x7f, 0xe2, 0x80, 0xae)).toBe('a\\r\\n\\033\\177\\u202E');
    expect(formatBytesAsText(Uint8Array.from([0x61, 0x09, 0x62, 0x0d, 0x0a]), true)).toBe('a b  ');
  });

  it('with whitespace replaced, still escapes a byte-order mark (not a space to g_unichar_isspace, unlike \\s)', () => {
    expect(formatBytesAsText(Uint8Array.from([0x61, 0xef, 0xbb, 0xbf, 0x2e, 0x0d, 0x0a]), true)).toBe('a\\uFEFF.  ');
  });

  it("escapes characters newer than tshark's GLib knows (Unicode 15.0), which Node's tables call printable", () => {
    // U+2426 is Unicode 4.0, U+2427 Unicode 16.0; U+1FAE9 16.0; U+33479 17.0 (CJK Extension J).
    expect(formatText('\u2426\u2427\u{1fae8}\u{1fae9}\u{33479}')).toBe('\u2426\\u2427\u{1fae8}\\U0001FAE9\\U00033479');
    expect(text(0xe2, 0x90, 0xa7, 0xe2, 0x90, 0xa6)).toBe('\\u2427\u2426');
  });
});
