import { describe, expect, it } from 'vitest';
import { dissectCapture, dissectPackets, frame } from './support/dissect-capture.js';
import { buildTcpSession } from './support/tcp-session.js';

describe('STARTTLS and TLS detection', () => {
  it('stops dissecting IMAP after the tagged OK to STARTTLS', async () => {
    const frames = await dissectCapture('imap/imap-starttls.pcap', { twoPass: true });
    expect(frame(frames, 10).info).toBe('Request: . STARTTLS');
    expect(frame(frames, 11).info).toBe('Response: . OK Begin TLS negotiation now');
    const after = frames.filter((f) => f.no > 11);
    expect(after.some((f) => f.lines.length > 0 || f.layers.includes('imap'))).toBe(false);
    // Without a TLS dissector in the project, the records are shown as data (tshark shows TLS).
    expect(frame(frames, 14).layers).toContain('data');
  });

  it('does so in a capture where SMTP comes first', async () => {
    const frames = await dissectCapture('smtp/mail_receiver_server_3.pcapng', { twoPass: true });
    expect(frame(frames, 23).info).toBe('Response: 1 OK Begin TLS negotiation now.');
    expect(frames.filter((f) => f.no > 23).some((f) => f.layers.includes('imap'))).toBe(false);
  });

  it('takes a connection whose first payloads are not text for TLS started before the capture', () => {
    const hello = new Uint8Array([0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5]);
    const frames = dissectPackets(
      buildTcpSession([
        { fromClient: true, data: hello },
        { fromClient: true, data: 'a1 NOOP\r\n' },
      ]),
      { twoPass: true },
    );
    const withData = frames.filter((f) => f.layers.includes('tcp') && (f.layers.includes('data') || f.layers.includes('imap')));
    // The record is TLS's (IMAP hands it on: data here); the line after it, which TLS declines as cleartext, is IMAP again.
    expect(withData.map((f) => f.layers.includes('imap'))).toEqual([true, true]);
    expect(withData[0]!.layers.at(-1)).toBe('data');
    expect(withData[1]!.info).toBe('Request: a1 NOOP');
  });

  it('keeps the rest of a TLS record TLS\'s even when its segment starts with text', () => {
    const frames = dissectPackets(
      buildTcpSession([
        { fromClient: true, data: 'a1 STARTTLS\r\n' },
        { fromClient: false, data: 'a1 OK Begin TLS\r\n' },
        { fromClient: false, data: new Uint8Array([0x16, 0x03, 0x03, 0x00, 0x2f, ...new Array<number>(10).fill(7)]) },
        { fromClient: false, data: 'CN=imap.example.org, O=Example Mail\r\n' },
        { fromClient: true, data: 'a2 NOOP\r\n' },
      ]),
      { twoPass: true },
    );
    const imap = frames.filter((f) => f.layers.includes('imap')).map((f) => f.info);
    expect(imap).toEqual(['Request: a1 STARTTLS', 'Response: a1 OK Begin TLS', 'Request: a2 NOOP']);
  });

  it('keeps dissecting when STARTTLS is refused', () => {
    const frames = dissectPackets(
      buildTcpSession([
        { fromClient: true, data: 'a1 STARTTLS\r\n' },
        { fromClient: false, data: 'a1 BAD not now\r\n' },
        { fromClient: true, data: 'a2 NOOP\r\n' },
      ]),
      { twoPass: true },
    );
    expect(frames.at(-1)!.info).toBe('Request: a2 NOOP');
  });
});
