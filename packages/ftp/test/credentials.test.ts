import { CREDENTIALS_TAP, DissectionSession, type CredentialRecord, type RawPacket } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusPath } from '../../../test/support/paths.js';
import { readAllPackets } from '../../../test/support/resegment-tcp.js';
import { dissectPackets } from './support/dissect-capture.js';
import { edgeCaseCapture } from './support/fixtures.js';

/** Credentials a listener holds after a one-pass run, or after a two-pass run it joined for the second pass. */
function credentials(packets: readonly RawPacket[], twoPass = false): CredentialRecord[] {
  const session = new DissectionSession();
  const seen: CredentialRecord[] = [];
  const listen = () => session.addTap(CREDENTIALS_TAP, (_p, c) => seen.push(c as CredentialRecord));
  if (!twoPass) listen();
  dissectPackets(packets, { session, twoPass, beforeSecondPass: listen });
  return seen;
}

describe.skipIf(!corpusAvailable())('FTP logins on the credentials tap', () => {
  it('USER/PASS accepted by a 230 reply (tickedoffdeveloper.pcapng)', async () => {
    const packets = await readAllPackets(corpusPath('ftp/tickedoffdeveloper.pcapng'));
    const want: CredentialRecord = {
      frame: 7,
      protocol: 'FTP',
      method: 'USER/PASS',
      client: '172.16.16.128',
      server: '172.16.16.121',
      username: 'salesxfer',
      password: 'p@ssw0rd',
      stream: 0,
      accepted: true,
    };
    expect(credentials(packets)).toEqual([want]);
    expect(credentials(packets, true)).toEqual([want]);
  });

  it('anonymous login over IPv6 (ipv6.pcap)', async () => {
    const [c, ...rest] = credentials(await readAllPackets(corpusPath('ftp/ipv6.pcap')));
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ frame: 9, username: 'anonymous', password: 'test', client: '2001:470:1f11:81f:c999:d94:aa7c:2e3e', server: '2001:470:4867:99::21', accepted: true });
  });
});

describe('refused then accepted logins', () => {
  it('530 refuses, 230 accepts; the first USER names both, as in Wireshark', async () => {
    const creds = credentials(await edgeCaseCapture());
    expect(creds.map((c) => ({ frame: c.frame, username: c.username, password: c.password, accepted: c.accepted }))).toEqual([
      { frame: 7, username: 'bob', password: 'wrong', accepted: false },
      { frame: 11, username: 'bob', password: 'secret', accepted: true },
    ]);
  });
});
