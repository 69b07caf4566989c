import { describe, expect, it } from 'vitest';
import { eiLiteralTooLarge, parseLiteralSize } from '@netdissect/imap';
import { corpusPath, dissectPackets, frame, readPackets, valuesOf } from './support/dissect-capture.js';
import { buildTcpSession } from './support/tcp-session.js';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('literal sizes as ws_strtou32 reads them', () => {
  it('accepts plain decimal numbers up to 2^32-1', () => {
    expect(parseLiteralSize(ascii('303'))).toBe(303);
    expect(parseLiteralSize(ascii('0'))).toBe(0);
    expect(parseLiteralSize(ascii('000012'))).toBe(12);
    expect(parseLiteralSize(ascii(' 7'))).toBe(7);
    expect(parseLiteralSize(ascii('4294967295'))).toBe(4294967295);
  });

  it('rejects LITERAL+ sizes, signs, overflow and garbage', () => {
    for (const bad of ['12+', '+12', '-1', '4294967296', '99999999999999999999999', '', ' ', '0x10', '1 2', '\u00e9']) {
      expect(parseLiteralSize(ascii(bad)), bad).toBeNull();
    }
  });
});

describe('hostile literal announcements', () => {
  it('does not wait for a literal of 4294967295 bytes: the line is shown at once and reading goes on', () => {
    const frames = dissectPackets(
      buildTcpSession([
        { fromClient: true, data: 'a1 FETCH 1 BODY[]\r\n' },
        { fromClient: false, data: '* 1 FETCH (BODY[] {4294967295}\r\n' },
        { fromClient: false, data: 'Subject: not really\r\n' },
        { fromClient: false, data: 'a1 OK FETCH completed\r\n' },
      ]),
      { twoPass: true },
    );
    const announce = frame(frames, 5);
    expect(announce.lines.map((l) => l.text)).toEqual(['* 1 FETCH (BODY[] {4294967295}\r\n']);
    expect(valuesOf(announce.tree, eiLiteralTooLarge.field!)).toHaveLength(1);
    expect(announce.info).toBe('Response: * 1 FETCH (BODY[] {4294967295}');
    expect(frame(frames, 6).lines[0]).toMatchObject({ tag: 'Subject:', status: 'not' });
    expect(frame(frames, 7).lines[0]).toMatchObject({ tag: 'a1', status: 'OK' });
  });

  it('honours limits.imapMaxLiteralBytes on a real FETCH', async () => {
    const packets = await readPackets(corpusPath('imap/imap.pcap'));
    const frames = dissectPackets(packets, { twoPass: true, limits: { imapMaxLiteralBytes: 1000 } });
    // "* 12 FETCH (RFC822 {3339}" (completed in frame 44) is no longer held back for its 3339 bytes:
    // the message's lines follow as lines of their own.
    const announce = frame(frames, 44);
    expect(announce.lines[0]!.text).toBe('* 12 FETCH (RFC822 {3339}\r\n');
    expect(announce.lines[1]!.text).toMatch(/^Received: from smtp.umr.edu/);
    expect(valuesOf(announce.tree, eiLiteralTooLarge.field!)).toHaveLength(1);
    for (const no of [45, 47, 49]) expect(frame(frames, no).layers).toContain('imap');
    expect(frames.some((f) => f.layers.includes('imf') && f.no > 42)).toBe(false);
  });

  it('waits to the end of the stream for a "{n+}" it cannot read, as 4.0 does', () => {
    const frames = dissectPackets(
      buildTcpSession([
        { fromClient: false, data: '* 1 FETCH (BODY[] {4+}\r\n' },
        { fromClient: false, data: 'abcd)\r\n' },
        { fromClient: false, data: 'a1 OK FETCH completed\r\n' },
      ]),
      { twoPass: true },
    );
    expect(frames.some((f) => f.layers.includes('imap'))).toBe(false);
    expect(frames.at(-1)!.info).toContain('[TCP segment of a reassembled PDU]');
  });

  it('marks a LOGIN with a 1-byte password malformed, as 4.0 does, and goes on with the next frame', () => {
    const frames = dissectPackets(
      buildTcpSession([
        { fromClient: true, data: 'a1 LOGIN bob x\r\n' },
        { fromClient: false, data: 'a1 OK done\r\n' },
      ]),
      { twoPass: true },
    );
    expect(frame(frames, 4).info).toBe('Request: a1 LOGIN bob x[Malformed Packet]');
    expect(frame(frames, 5).info).toBe('Response: a1 OK done');
  });

  it('survives binary garbage on the IMAP port', () => {
    const noise = new Uint8Array(5000);
    let x = 12345;
    for (let i = 0; i < noise.length; i++) noise[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    noise.set(ascii('* OK '), 0);
    const frames = dissectPackets(
      buildTcpSession([
        { fromClient: false, data: noise },
        { fromClient: true, data: noise.subarray(0, 3000) },
      ]),
      { twoPass: true },
    );
    expect(frames.length).toBe(3 + 4 + 3);
    expect(frames.every((f) => !f.info.includes('Dissector bug'))).toBe(true);
  });
});
