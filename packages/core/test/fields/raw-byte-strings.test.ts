import { describe, expect, it } from 'vitest';
import { formatBytesAsText, formatText, hasRawBytes, rawByteString, rawStringBytes } from '../../src/index.js';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('strings that keep bytes which are not UTF-8', () => {
  it('keep valid UTF-8 as text and give back every byte they were made from', () => {
    const cases = [
      bytes(0x68, 0x69), // ASCII
      bytes(0xc3, 0xa4, 0xe2, 0x86, 0x92, 0xf0, 0x9f, 0x98, 0x80), // ä → 😀
      bytes(0xe4, 0xf6, 0xf2, 0xe5, 0xfa, 0x20, 0xe7), // ISO-8859-8 Hebrew, as a JSON body in the corpus has it
      bytes(0x31, 0x32, 0x37, 0xe2, 0x82, 0x30), // a UTF-8 sequence cut short
      bytes(0xed, 0xa0, 0x80, 0xc0, 0xaf, 0xf4, 0x90, 0x80, 0x80, 0xff), // a surrogate, an overlong form, past U+10FFFF, 0xff
      bytes(0xf0, 0x90, 0x82, 0x80, 0x80), // U+10080 (its low surrogate is U+DC80) then a stray continuation byte
    ];
    for (const b of cases) expect(Buffer.from(rawStringBytes(rawByteString(b)))).toEqual(Buffer.from(b));
    expect(rawByteString(bytes(0xc3, 0xa4, 0xe2, 0x86, 0x92))).toBe('ä→');
  });

  it('are told apart from text, a character whose low surrogate is U+DC80 included', () => {
    expect(hasRawBytes(rawByteString(bytes(0x61, 0xe4)))).toBe(true);
    expect(hasRawBytes('ä→😀')).toBe(false);
    expect(hasRawBytes(String.fromCodePoint(0x10080))).toBe(false);
    expect(hasRawBytes(rawByteString(bytes(0xf0, 0x90, 0x82, 0x80, 0x80)))).toBe(true);
  });

  it('show in a label as format_text shows the bytes: a REPLACEMENT CHARACTER per bad sequence', () => {
    const hebrew = rawByteString(bytes(0xe4, 0xf6, 0xf2, 0xe5, 0xfa, 0x20, 0xe7, 0xe9));
    expect(formatText(hebrew)).toBe('\ufffd'.repeat(5) + ' ' + '\ufffd'.repeat(2));
    // A sequence cut short is one character, as tshark 4.0 shows a Host header's in the full request URI.
    const cut = rawByteString(bytes(0x31, 0x2e, 0xe2, 0x82, 0x30, 0x0a));
    expect(formatText(cut)).toBe('1.\ufffd0\\n');
    expect(formatText(cut)).toBe(formatBytesAsText(bytes(0x31, 0x2e, 0xe2, 0x82, 0x30, 0x0a)));
  });
});
