import { describe, expect, it } from 'vitest';
import { imapFields } from '@netdissect/imap';
import { dissectCapture, frame, valuesOf } from './support/dissect-capture.js';

// Expected values are what tshark 4.0 (-2) shows for these corpus frames.
const ndpi = await dissectCapture('imap/ndpi-imap.pcap', { twoPass: true });
const arkime = await dissectCapture('imap/imap.pcap', { twoPass: true });

describe('IMAP lines, tags and commands', () => {
  it('writes the Info column from the first tagged line, or the first untagged one', () => {
    expect(frame(ndpi, 4).info).toBe('Response: * OK IMAP4Rev1 Server Version 4.9.04.012');
    expect(frame(ndpi, 7).info).toBe('Response: * CAPABILITY IMAP4rev1 IDLE AUTH=LOGIN AUTH=PLAIN AUTH=CRAM-MD5');
    expect(frame(ndpi, 11).info).toBe('Request: C00001 LOGIN samir pfres');
    expect(frame(ndpi, 27).info).toBe('Response: C00004 OK [READ-WRITE] SELECT Completed');
    expect(frame(arkime, 83).info).toBe('Request: a0019 STORE 4 +FLAGS.SILENT (\\Seen \\Deleted)');
    for (const no of [4, 6, 7, 9, 11, 12, 29]) expect(frame(ndpi, no).protocol).toBe('IMAP');
  });

  it('splits a tagged response into tag, status and the word after it', () => {
    const lines = frame(ndpi, 27).lines;
    expect(lines.slice(0, -1).every((l) => l.text.startsWith('* ') && l.tag === undefined)).toBe(true);
    expect(lines.at(-1)).toEqual({ isRequest: false, text: 'C00004 OK [READ-WRITE] SELECT Completed\r\n', tag: 'C00004', status: 'OK', command: '[READ-WRITE]' });
    expect(valuesOf(frame(ndpi, 27).tree, imapFields.response)).toEqual(['C00004 OK [READ-WRITE] SELECT Completed']);
    expect(valuesOf(frame(ndpi, 27).tree, imapFields.isRequest)).toEqual([false]);
  });

  it('shows LOGIN arguments as 4.0 does: the user as sent, the password without its first and last byte', () => {
    expect(frame(ndpi, 11).lines[0]).toMatchObject({ isRequest: true, tag: 'C00001', command: 'LOGIN', username: 'samir', password: 'fre' });
    expect(frame(arkime, 8).lines[0]).toMatchObject({ command: 'LOGIN', username: '"neulingern"', password: 'XXXXXX' });
  });

  it('takes the command after UID and the mailbox of SELECT and friends', () => {
    const uidFetch = frame(ndpi, 29);
    expect(uidFetch.lines[0]).toMatchObject({ tag: 'C00005', command: 'FETCH' });
    expect(valuesOf(uidFetch.tree, imapFields.requestUid)).toEqual([true]);
    // The hidden imap.command is the UID token itself.
    expect(valuesOf(uidFetch.tree, imapFields.command)).toEqual(['UID']);
    expect(frame(ndpi, 24).lines[0]).toMatchObject({ command: 'SELECT', folder: 'INBOX' });
    expect(frame(arkime, 12).lines[0]).toMatchObject({ command: 'SELECT', folder: '"INBOX"' });
    expect(frame(arkime, 14).lines[0]!.folder).toBeUndefined();
  });

  it('links requests and responses by tag, both ways, with the response time', () => {
    expect(valuesOf(frame(ndpi, 6).tree, imapFields.responseIn)).toEqual([9]);
    expect(valuesOf(frame(ndpi, 9).tree, imapFields.responseTo)).toEqual([6]);
    expect(valuesOf(frame(ndpi, 9).tree, imapFields.time)).toEqual([{ sec: 0, nsec: 36_964_000 }]);
    expect(valuesOf(frame(ndpi, 29).tree, imapFields.responseIn)).toEqual([32]);
    expect(valuesOf(frame(ndpi, 32).tree, imapFields.responseTo)).toEqual([29]);
    // A FETCH answered over many frames points at its tagged completion.
    expect(valuesOf(frame(arkime, 14).tree, imapFields.responseIn)).toEqual([34]);
    expect(valuesOf(frame(arkime, 34).tree, imapFields.time)).toEqual([{ sec: 1, nsec: 438_190_000 }]);
  });
});

describe('FETCH literals', () => {
  it('consumes the literal and reads the ")" after it as a line of its own, as 4.0 does', () => {
    expect(frame(ndpi, 32).lines.map((l) => l.tag ?? l.text.slice(0, 12))).toEqual(['* 1 FETCH (U', ')', 'C00005']);
    expect(valuesOf(frame(ndpi, 32).tree, imapFields.tag)).toEqual([')', 'C00005']);
    expect(frame(arkime, 34).lines.map((l) => l.tag ?? l.text.slice(0, 10))).toEqual(['* 12 FETCH', ')', '* 13 FETCH', ')', 'a0004']);
  });

  it('attributes a literal split over segments to the segment with its closing parenthesis', () => {
    // "* 12 FETCH (RFC822 {3339}" arrives in frame 43; the literal ends in frame 49.
    for (const no of [43, 44, 45, 47]) {
      expect(frame(arkime, no).layers).not.toContain('imap');
      expect(frame(arkime, no).info).toContain('[TCP segment of a reassembled PDU]');
    }
    expect(frame(arkime, 49).lines.map((l) => l.text)).toEqual(['* 12 FETCH (RFC822 {3339}\r\n', ')\r\n', 'a0007 OK FETCH completed.\r\n']);
    // A segment that ends inside the next FETCH response keeps the lines before it.
    expect(frame(arkime, 22).lines.map((l) => l.tag ?? l.text.slice(0, 9))).toEqual(['* 1 FETCH', ')', '* 2 FETCH', ')']);
  });
});
