import type { FollowRecord } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import { renderTranscript, transcriptLines, transcriptProtocol } from '../../src/stats/transcript.js';
import { capture, corpusAvailable, netdissect, tcpStream } from './support/captures.js';

/** A record of a made-up conversation. */
function rec(isServer: boolean, text: string | Uint8Array, frame: number): FollowRecord {
  const data = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return { frame, tsSec: 0, tsNsec: 0, isServer, data, seq: 0 };
}

describe.skipIf(!corpusAvailable())('transcripts of lab captures', () => {
  it('shows the SMTP dialogue of smtp-data-250.pcap, the mail summarised', async () => {
    const { records, serverPort } = await tcpStream('smtp/smtp-data-250.pcap', 0);
    const lines = renderTranscript(records, { serverPort });
    expect(lines.slice(0, 2)).toEqual([
      'S: 220-mtaout-ma02.r1000.mx.aol.com ESMTP MUA/Third Party Client Interface',
      'S: 220-AOL and its affiliated companies do not',
    ]);
    const from = lines.indexOf('C: MAIL FROM: <12345678@aol.com>');
    expect(lines.slice(from)).toEqual([
      'C: MAIL FROM: <12345678@aol.com>',
      'S: 250 2.1.0 Ok',
      'C: RCPT TO: <xxxx.xxxxxx@xxxxx.com>',
      'S: 250 2.1.5 Ok',
      'C: DATA',
      'S: 354 End data with <CR><LF>.<CR><LF>',
      'C: [message: 928 bytes, Subject: Re: xxx xxx xxxxx xxxxxx...]',
      'C: .',
      'S: 250 2.0.0 Ok: queued as 1D2BFE000094',
      'S: 421 4.4.2 mtaout-ma02.r1000.mx.aol.com Error: timeout exceeded',
    ]);
    expect(lines).toContain('C: AUTH PLAIN ADEyMzQ1Njc4QGFvbC5jb20AcGFzc3dk');
  });

  it('shows AUTH LOGIN as sent and names the attachment of smtp.pcap', async () => {
    const { records, serverPort } = await tcpStream('smtp/smtp.pcap', 0);
    const lines = renderTranscript(records, { serverPort });
    const auth = lines.indexOf('C: AUTH LOGIN');
    expect(lines.slice(auth, auth + 6)).toEqual([
      'C: AUTH LOGIN',
      'S: 334 VXNlcm5hbWU6',
      'C: Z3VycGFydGFwQHBhdHJpb3RzLmlu',
      'S: 334 UGFzc3dvcmQ6',
      'C: cHVuamFiQDEyMw==',
      'S: 235 Authentication succeeded',
    ]);
    expect(lines).toContain('C: [message: 14 KiB, Subject: SMTP]');
    expect(lines).toContain('C: [11 KiB attachment NEWS.txt, text/plain]');
    expect(lines.at(-1)).toBe('S: 221 xc90.websitewelcome.com closing connection');
  });

  it('keeps pipelined SMTP commands in order and still finds DATA\'s 354', async () => {
    const { records, serverPort } = await tcpStream('smtp/smtp-zip.pcap', 0);
    const lines = renderTranscript(records, { serverPort });
    const rcpt = lines.indexOf('C: RCPT To:<xxxxxxxxx@xxxxxxx.com>');
    expect(lines.slice(rcpt, rcpt + 8)).toEqual([
      'C: RCPT To:<xxxxxxxxx@xxxxxxx.com>',
      'C: DATA',
      'S: 250 Recipient <xxxxxxxxx@xxxxxxx.com> OK',
      'S: 354 Start mail input; end with <CRLF>.<CRLF>',
      'C: [message: 1.4 KiB, Subject: zip test]',
      'C: [310 bytes attachment a.zip, application/zip]',
      'C: .',
      'S: 250 Ok: queued as 5CF8324407F',
    ]);
  });

  it('counts TLS records after STARTTLS instead of showing them', async () => {
    const { records, serverPort } = await tcpStream('smtp/smtp-starttls.pcap', 0);
    const lines = renderTranscript(records, { serverPort });
    const starttls = lines.indexOf('C: STARTTLS');
    expect(starttls).toBeGreaterThan(0);
    expect(lines[starttls + 1]).toMatch(/^S: 220 /);
    expect(lines.slice(starttls + 2).every((l) => /^[CS]: \[TLS: \d+(\.\d)? (bytes|KiB)\]$/.test(l))).toBe(true);
  });

  it('shows a POP3 AUTH PLAIN exchange and the capability listing', async () => {
    const { records, serverPort } = await tcpStream('pop3/pop3.pcap', 3);
    expect(renderTranscript(records, { serverPort })).toEqual([
      'S: +OK POP server ready H mimap8 0MHXFQ-1VDgSF1308-003NYq',
      'C: AUTH',
      'S: -ERR 1 argument required',
      'C: CAPA',
      'S: +OK Capability list follows',
      'S: TOP',
      'S: USER',
      'S: UIDL',
      'S: STLS',
      'S: SASL PLAIN',
      'S: IMPLEMENTATION trinity',
      'S: .',
      'C: AUTH PLAIN',
      'S: + ',
      'C: AGRpZ2l0YWxpbnZlc3RpZ2F0b3JAbmV0d29ya3NpbXMuY29tAG5hcGllcg==',
      'S: -ERR authentication failed',
    ]);
  });

  it('cuts a long POP3 listing after 20 lines and counts the rest', async () => {
    const { records, serverPort } = await tcpStream('pop3/suri-pop3.pcap', 0);
    const lines = renderTranscript(records, { serverPort });
    const list = lines.indexOf('C: LIST');
    expect(lines[list + 1]).toBe('S: +OK');
    expect(lines[list + 2]).toBe('S: 1 4088');
    expect(lines[list + 22]).toMatch(/^S: \[\d+ more lines\]$/);
  });

  it('summarises IMAP literals as the messages they carry', async () => {
    const { records, serverPort } = await tcpStream('imap/imap.pcap', 0);
    const lines = renderTranscript(records, { serverPort });
    expect(lines).toContain('C: a0001 LOGIN "neulingern" "XXXXXX"');
    expect(lines).toContain(
      'S: * 1 FETCH (FLAGS (\\Seen \\Recent) INTERNALDATE "11-Nov-1999 08:36:54 -0600" RFC822.SIZE 2059 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {303} [message: 303 bytes, Subject: RE: pipes implementation of bkupexec agent])',
    );
    expect(lines).toContain('S: a0004 OK FETCH completed.');
  });

  it('shows the FTP login and the multi-line 230 reply', async () => {
    const { records, serverPort } = await tcpStream('ftp/ipv4.pcap', 0);
    const lines = renderTranscript(records, { serverPort });
    expect(lines.slice(0, 5)).toEqual([
      'S: 220 ftp.NetBSD.org FTP server (NetBSD-ftpd 20100320) ready.',
      'C: USER anonymous',
      'S: 331 Guest login ok, type your name as password.',
      'C: PASS test',
      'S: 230-',
    ]);
  });

  it('shows HTTP request and response headers with the body summarised', async () => {
    const { records, serverPort } = await tcpStream('http/get.pcap', 0);
    expect(renderTranscript(records, { serverPort })).toEqual([
      'C: GET /download/CHANGES.bro-aux.txt HTTP/1.1',
      'C: User-Agent: Wget/1.14 (darwin12.2.0)',
      'C: Accept: */*',
      'C: Host: bro.org',
      'C: Connection: Keep-Alive',
      'S: HTTP/1.1 200 OK',
      'S: Date: Thu, 07 Mar 2013 21:43:07 GMT',
      'S: Server: Apache/2.4.3 (Fedora)',
      'S: Last-Modified: Wed, 29 Aug 2012 23:49:27 GMT',
      'S: ETag: "1261-4c870358a6fc0"',
      'S: Accept-Ranges: bytes',
      'S: Content-Length: 4705',
      'S: Keep-Alive: timeout=5, max=100',
      'S: Connection: Keep-Alive',
      'S: Content-Type: text/plain; charset=UTF-8',
      'S: [4.6 KiB text/plain body]',
    ]);
  });

  it('follows 100-continue and a chunked response', async () => {
    const { records, serverPort } = await tcpStream('http/100-continue.pcap', 0);
    const lines = renderTranscript(records, { serverPort });
    const cont = lines.indexOf('S: HTTP/1.1 100 Continue');
    expect(lines[cont + 1]).toBe('C: [2 KiB application/x-www-form-urlencoded body]');
    expect(lines[cont + 2]).toBe('S: HTTP/1.1 200 OK');
    expect(lines.at(-1)).toBe('S: [59 KiB text/html body, chunked]');
  });

  it('prints the transcript for -z transcript,tcp,N with the stream\'s endpoints', async () => {
    const r = await netdissect('-q', '-z', 'transcript,tcp,0', '-r', capture('ftp/ipv4.pcap'));
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      '',
      '===================================================================',
      'Transcript: tcp stream 0 (FTP)',
      'C: 141.142.220.235:50003',
      'S: 199.233.217.249:21',
      '',
      'S: 220 ftp.NetBSD.org FTP server (NetBSD-ftpd 20100320) ready.',
    ]);
    expect(lines.at(-2)).toBe('===================================================================');
  });
});

describe('transcript of any bytes', () => {
  it('escapes control characters from the packet', () => {
    const lines = renderTranscript([rec(true, '220 hi\x1b[2J\x07 there\r\n', 1), rec(false, 'EHLO \x1b]0;title\x07x\r\n', 2)], { protocol: 'smtp' });
    expect(lines).toEqual(['S: 220 hi\\x1b[2J\\x07 there', 'C: EHLO \\x1b]0;title\\x07x']);
    for (const l of lines) expect(l).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('summarises binary data and reports bytes missing from the capture', () => {
    const binary = new Uint8Array(300).map((_, i) => i & 0xff);
    const records: FollowRecord[] = [
      rec(false, 'hello\r\n', 1),
      rec(true, binary, 2),
      { frame: 3, tsSec: 0, tsNsec: 0, isServer: false, data: new Uint8Array(0), seq: 0, gap: true, missing: 1500 },
      rec(false, 'bye\r\n', 4),
    ];
    expect(transcriptLines(records, { protocol: 'text' })).toEqual([
      { speaker: 'C', text: 'hello', frame: 1 },
      { speaker: 'S', text: '[binary data: 300 bytes]', frame: 2 },
      { speaker: 'C', text: '[1.5 KiB missing from the capture]', frame: 3 },
      { speaker: 'C', text: 'bye', frame: 4 },
    ]);
  });

  it('reads a line split over several segments as one line, in the frame it started', () => {
    const lines = transcriptLines([rec(false, 'USER al', 7), rec(false, 'ice\r\n', 8), rec(true, '331 ok\r\n', 9)], { protocol: 'ftp' });
    expect(lines).toEqual([
      { speaker: 'C', text: 'USER alice', frame: 7 },
      { speaker: 'S', text: '331 ok', frame: 9 },
    ]);
  });

  it('shows what is left of a body cut short at the end of the capture', () => {
    const lines = renderTranscript([rec(false, 'POST / HTTP/1.1\r\nContent-Length: 5000\r\nContent-Type: text/plain\r\n\r\nabc', 1)], { protocol: 'http' });
    expect(lines).toEqual(['C: POST / HTTP/1.1', 'C: Content-Length: 5000', 'C: Content-Type: text/plain', 'C: [3 bytes text/plain body]']);
  });

  it('guesses the protocol from the server port, then from the first bytes', () => {
    expect(transcriptProtocol([], { serverPort: 110 })).toBe('pop3');
    expect(transcriptProtocol([rec(true, '* OK IMAP4rev1 ready\r\n', 1)], { serverPort: 1143 })).toBe('imap');
    expect(transcriptProtocol([rec(false, 'GET / HTTP/1.1\r\n', 1)])).toBe('http');
    expect(transcriptProtocol([rec(false, '\x00\x01', 1)])).toBe('text');
  });
});
