import { describe, expect, it } from 'vitest';
import { CREDENTIALS_TAP, DissectionSession, type CredentialRecord } from '@netdissect/core';
import { corpusPath, dissectPackets, readPackets } from './support/dissect-capture.js';
import { buildTcpSession } from './support/tcp-session.js';

/** Dissect `packets` twice (tshark -2) and return what reached the credentials tap. */
function tapCredentials(packets: Parameters<typeof dissectPackets>[0]): CredentialRecord[] {
  const session = new DissectionSession();
  const seen: CredentialRecord[] = [];
  session.addTap(CREDENTIALS_TAP, (_pinfo, data) => seen.push(data as CredentialRecord));
  dissectPackets(packets, { session, twoPass: true });
  return seen;
}

describe('IMAP logins on the credentials tap', () => {
  it('reports LOGIN once, unquoted, and accepted by the tagged OK', async () => {
    const creds = tapCredentials(await readPackets(corpusPath('imap/imap.pcap')));
    expect(creds).toEqual([
      { frame: 8, protocol: 'IMAP', method: 'LOGIN', client: '131.151.32.21', server: '131.151.37.122', username: 'neulingern', password: 'XXXXXX', stream: 0, accepted: true },
    ]);
  });

  it('reports an unquoted LOGIN as sent', async () => {
    const creds = tapCredentials(await readPackets(corpusPath('imap/ndpi-imap.pcap')));
    expect(creds.map((c) => [c.frame, c.username, c.password, c.accepted])).toEqual([[11, 'samir', 'pfres', true]]);
  });

  it('decodes AUTHENTICATE PLAIN, with the initial response inline or after the continuation, and records NO as refused', () => {
    const creds = tapCredentials(
      buildTcpSession([
        { fromClient: false, data: '* OK IMAP4rev1 ready\r\n' },
        { fromClient: true, data: 'a1 AUTHENTICATE PLAIN\r\n' },
        { fromClient: false, data: '+ \r\n' },
        { fromClient: true, data: 'AGJvYgBzM2NyM3Q=\r\n' },
        { fromClient: false, data: 'a1 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n' },
        { fromClient: true, data: 'a2 authenticate plain YWRtaW4AYWxpY2UAb3Blbg==\r\n' },
        { fromClient: false, data: 'a2 OK AUTHENTICATE completed\r\n' },
        { fromClient: true, data: 'a3 LOGIN "we \\"ird\\"" p\r\n' },
        { fromClient: false, data: 'a3 BAD nope\r\n' },
      ]),
    );
    expect(creds.map((c) => [c.frame, c.method, c.username, c.password, c.accepted])).toEqual([
      [7, 'AUTHENTICATE PLAIN', 'bob', 's3cr3t', false],
      [9, 'AUTHENTICATE PLAIN', 'alice', 'open', true],
      [11, 'LOGIN', 'we "ird"', 'p', false],
    ]);
  });

  it('leaves a login without an answer undecided', () => {
    const creds = tapCredentials(buildTcpSession([{ fromClient: true, data: 'x LOGIN carol hunter2\r\n' }]));
    expect(creds.map((c) => [c.username, c.password, c.accepted])).toEqual([['carol', 'hunter2', null]]);
  });
});
