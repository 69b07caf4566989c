import { describe, expect, it } from 'vitest';
import { CREDENTIALS_TAP, DissectionSession, type CredentialRecord, type RawPacket } from '@netdissect/core';
import { decodeSaslPlain } from '@netdissect/pop3';
import { corpusAvailable, corpusPath } from '../../../test/support/paths.js';
import { readAllPackets } from '../../../test/support/resegment-tcp.js';
import { dissectPackets } from './support/dissect-capture.js';
import { octetsSession } from './support/octets-session.js';

/** Credentials reported on a two-pass run, read after the run as a listener would. */
function credentials(packets: readonly RawPacket[]): CredentialRecord[] {
  const session = new DissectionSession();
  const seen: CredentialRecord[] = [];
  session.addTap(CREDENTIALS_TAP, (_p, c) => seen.push(c as CredentialRecord));
  dissectPackets(packets, { session, twoPass: true });
  return seen;
}

const pick = (c: CredentialRecord) => ({ frame: c.frame, method: c.method, username: c.username, password: c.password, accepted: c.accepted });

describe.skipIf(!corpusAvailable())('POP logins on the credentials tap', () => {
  it('USER/PASS, reported once with the server accepting it (suri-pop3.pcap)', async () => {
    const [c, ...rest] = credentials(await readAllPackets(corpusPath('pop3/suri-pop3.pcap')));
    expect(rest).toEqual([]);
    expect(c).toEqual({
      frame: 10,
      protocol: 'POP3',
      method: 'USER/PASS',
      client: '10.4.20.103',
      server: '74.208.5.11',
      username: 'moises.nunez@ingenierianumar.com',
      password: 'moises.nunez',
      stream: 0,
      accepted: true,
    });
  });

  it('AUTH PLAIN sent after the "+ " prompt, refused then accepted (pop3.pcap)', async () => {
    const creds = credentials(await readAllPackets(corpusPath('pop3/pop3.pcap')));
    expect(creds.map(pick)).toEqual([
      { frame: 37, method: 'AUTH PLAIN', username: 'digitalinvestigator@networksims.com', password: 'napier', accepted: false },
      { frame: 66, method: 'AUTH PLAIN', username: 'digitalinvestigator@networksims.com', password: 'napier123', accepted: true },
      { frame: 85, method: 'AUTH PLAIN', username: 'digitalinvestigator@networksims.com', password: 'napier123', accepted: true },
    ]);
  });

  it('lower-case user/pass (ndpi-pop3.pcap)', async () => {
    const creds = credentials(await readAllPackets(corpusPath('pop3/ndpi-pop3.pcap')));
    expect(creds.map(pick)[0]).toEqual({ frame: 10, method: 'USER/PASS', username: 'cicciopernacchio@mail.com', password: 'pippozzo', accepted: true });
    expect(creds.map((c) => c.method)).toEqual(['USER/PASS', 'AUTH PLAIN', 'AUTH PLAIN', 'AUTH PLAIN']);
  });
});

describe('APOP and AUTH PLAIN with an initial response', () => {
  it('reports the APOP digest and the decoded PLAIN response', () => {
    expect(credentials(octetsSession()).map(pick)).toEqual([
      { frame: 5, method: 'APOP', username: 'mrose', password: 'c4c9334bac560ecc979e58001b3e22fb', accepted: true },
      { frame: 15, method: 'AUTH PLAIN', username: 'bob', password: 's3cr3t', accepted: false },
    ]);
  });

  it('decodes only well-formed SASL PLAIN', () => {
    expect(decodeSaslPlain('AGJvYgBzM2NyM3Q=')).toEqual({ username: 'bob', password: 's3cr3t' });
    expect(decodeSaslPlain('*')).toBeNull();
    expect(decodeSaslPlain('Ym9i')).toBeNull();
  });
});
