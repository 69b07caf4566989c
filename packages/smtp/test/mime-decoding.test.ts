import { describe, expect, it } from 'vitest';
import { decodeBase64Lenient, decodeQuotedPrintable, extractAttachments } from '@netdissect/smtp';
import { findMediaTypeParameter, unfoldAndCompactMimeHeader } from '@netdissect/core';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('MIME helpers', () => {
  it('decodes base64 as GLib does: skipping line ends and junk, going on after padding', () => {
    expect(text(decodeBase64Lenient('aGVs\r\nbG8='))).toBe('hello');
    expect(text(decodeBase64Lenient('aGk=aGk='))).toBe('hihi');
    expect(text(decodeBase64Lenient('a'))).toBe('');
  });

  it('decodes quoted-printable escapes and soft line breaks, keeping malformed escapes', () => {
    expect(text(decodeQuotedPrintable(bytes('caf=C3=A9 =\r\nau lait=3D=ZZ')))).toBe('café au lait==ZZ');
  });

  it('unfolds and compacts a header like packet-multipart.c', () => {
    expect(unfoldAndCompactMimeHeader('Content-Type: text/plain;\r\n\tname="a b.txt"\r\nX: y').text).toBe('Content-Type:text/plain;name="a b.txt"');
  });

  it('finds media-type parameters, with Wireshark 4.0 quirk unless asked for the exact answer', () => {
    expect(findMediaTypeParameter('charset=us-ascii;boundary="b 1"', 'boundary')).toBe('b 1');
    expect(findMediaTypeParameter('charset=us-ascii', 'boundary')).toBe('us-ascii');
    expect(findMediaTypeParameter('charset=us-ascii', 'boundary', true)).toBeNull();
  });

  it('extracts attachments with RFC 2231 and RFC 2047 file names', () => {
    const mail = [
      'Content-Type: multipart/mixed; boundary=XX', '', '--XX', 'Content-Type: text/plain', '', 'body', '--XX',
      'Content-Type: application/octet-stream', "Content-Disposition: attachment; filename*=utf-8''caf%C3%A9.bin", 'Content-Transfer-Encoding: base64', '', 'AAEC', '--XX',
      'Content-Type: image/png; name="=?UTF-8?B?w6kucG5n?="', 'Content-Transfer-Encoding: base64', '', 'iVBO', '--XX--', '',
    ].join('\r\n');
    const found = extractAttachments(bytes(mail));
    expect(found.map((a) => [a.filename, a.contentType, [...a.content]])).toEqual([
      ['café.bin', 'application/octet-stream', [0, 1, 2]],
      ['é.png', 'image/png', [0x89, 0x50, 0x4e]],
    ]);
  });
});
