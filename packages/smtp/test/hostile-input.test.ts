import { DissectionSession, DissectorBoundsError, FieldNode, PacketInfo, TreeContext, Tvb, type RawPacket } from '@netdissect/core';
import { dissectImf, dissectMultipart } from '@netdissect/smtp';
import { describe, expect, it } from 'vitest';

const raw: RawPacket = { no: 1, tsSec: 0, tsNsec: 0, tsPrecision: 6, caplen: 0, len: 0, linktype: 1, bytes: new Uint8Array(0), dataOffset: -1 } as unknown as RawPacket;

/** Run a dissector on bytes; only the core's bounds errors may escape. */
function run(fn: (tvb: Tvb, pinfo: PacketInfo, tree: FieldNode) => unknown, data: string | Uint8Array): PacketInfo {
  const pinfo = new PacketInfo(new DissectionSession(), raw, false);
  const tvb = Tvb.fromBytes('test', typeof data === 'string' ? new TextEncoder().encode(data) : data);
  try {
    fn(tvb, pinfo, FieldNode.root(new TreeContext()));
  } catch (err) {
    expect(err).toBeInstanceOf(DissectorBoundsError);
  }
  return pinfo;
}

describe('hostile messages are data, not crashes', () => {
  it('survives random bytes and truncated headers', () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = 'a:;,<>"\r\n \t=-boundary';
    for (let i = 0; i < 300; i++) {
      let s = '';
      const n = Math.floor(rnd() * 200);
      for (let k = 0; k < n; k++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      run((t, p, tr) => dissectImf(t, p, tr), s);
      run((t, p, tr) => dissectMultipart(t, p, tr, { mediaType: 'multipart/mixed', parameters: 'boundary=b' }), s);
    }
  });

  it('stops descending into deeply nested messages', () => {
    let msg = 'Subject: leaf\r\n\r\nbody\r\n';
    for (let i = 0; i < 200; i++) msg = `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\nContent-Type: message/rfc822\r\n\r\n${msg}\r\n--b${i}--\r\n`;
    const pinfo = run((t, p, tr) => dissectImf(t, p, tr), msg);
    expect(pinfo.layers.filter((l) => l === 'imf').length).toBeLessThan(40);
  });

  it('bounds the parts walked in one multipart body', () => {
    const body = `${'--b\r\nContent-Type: text/plain\r\n\r\nx\r\n'.repeat(5000)}--b--\r\n`;
    const pinfo = run((t, p, tr) => dissectMultipart(t, p, tr, { mediaType: 'multipart/mixed', parameters: 'boundary=b' }), body);
    expect(pinfo.layers.filter((l) => l === 'data-text-lines').length).toBeLessThanOrEqual(1000);
  });
});
