import { describe, expect, it } from 'vitest';
import { DissectionSession, type RawPacket } from '@netdissect/core';
import { POP3_MESSAGE_TAP, unstuffDotLines, type RetrievedMessage } from '@netdissect/pop3';
import { corpusAvailable, corpusPath } from '../../../test/support/paths.js';
import { readAllPackets } from '../../../test/support/resegment-tcp.js';
import { dissectPackets } from './support/dissect-capture.js';
import { OCTETS_MESSAGE, octetsSession } from './support/octets-session.js';

function retrieved(packets: readonly RawPacket[]): RetrievedMessage[] {
  const session = new DissectionSession();
  const out: RetrievedMessage[] = [];
  session.addTap(POP3_MESSAGE_TAP, (_p, m) => out.push(m as RetrievedMessage));
  dissectPackets(packets, { session, twoPass: true });
  return out;
}

const text = (m: RetrievedMessage) => Buffer.from(m.message).toString('latin1');
const subject = (m: RetrievedMessage) => /^Subject: (.*)$/m.exec(text(m))?.[1]?.trim();

describe.skipIf(!corpusAvailable())('messages fetched with RETR and TOP', () => {
  it('pop3.pcap: three RETRs, each message whole, unstuffed and without the final "."', async () => {
    const msgs = retrieved(await readAllPackets(corpusPath('pop3/pop3.pcap')));
    expect(msgs.map((m) => [m.command, m.argument, m.firstFrame, m.frame, subject(m)])).toEqual([
      ['RETR', '1', 94, 100, 'A message from 1&1 Internet'],
      ['RETR', '2', 102, 111, 'Testing'],
      ['RETR', '3', 113, 119, 'RE: Testing'],
    ]);
    const first = text(msgs[0]!);
    // The server sent "..1and1.co.uk" for a line starting with a dot.
    expect(first).toContain('\r\n.1and1.co.uk/search/go.php');
    expect(first).not.toContain('\r\n..');
    expect(first.endsWith('</html>\r\n\r\n--multipart_alternative.878382066--\r\n')).toBe(true);
  });

  it('suri-pop3.pcap: every TOP n 0 answer is a header block', async () => {
    const msgs = retrieved(await readAllPackets(corpusPath('pop3/suri-pop3.pcap')));
    expect(msgs.length).toBe(49);
    for (const m of msgs) {
      expect(m.command).toBe('TOP');
      expect(m.argument).toMatch(/^\d+ 0$/);
      expect(text(m)).toMatch(/\r\n\r\n$/);
    }
  });
});

describe('a message announced with its size', () => {
  it('is the RFC 5322 text the server stored', () => {
    const [retr, top] = retrieved(octetsSession());
    expect(text(retr!)).toBe(OCTETS_MESSAGE);
    expect(text(top!)).toBe('From: alice@example.org\r\n\r\n');
  });

  it('unstuffDotLines drops the first dot of dot-started lines only', () => {
    const bytes = new TextEncoder().encode('..a\r\nb.\r\n...\r\n');
    expect(new TextDecoder().decode(unstuffDotLines(bytes))).toBe('.a\r\nb.\r\n..\r\n');
  });
});
