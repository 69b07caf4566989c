import { CREDENTIALS_TAP, type CredentialRecord } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import { corpusPackets, dissectPackets } from './support/dissect.js';

async function credentials(capture: string): Promise<CredentialRecord[]> {
  const seen: CredentialRecord[] = [];
  dissectPackets(await corpusPackets(capture), [], { taps: { [CREDENTIALS_TAP]: (d) => seen.push(d as CredentialRecord) } });
  return seen;
}

describe('SMTP credentials on the credentials tap (decoded whatever smtp.decryption says)', () => {
  it('AUTH LOGIN: username and password decoded, accepted by the 235 reply', async () => {
    const [c, ...rest] = await credentials('smtp/smtp.pcap');
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ frame: 14, protocol: 'SMTP', method: 'AUTH LOGIN', client: '10.10.1.4', server: '74.53.140.153', username: 'gurpartap@patriots.in', password: 'punjab@123', accepted: true });
    expect(c!.stream).toBeGreaterThanOrEqual(0);
  });

  it('AUTH PLAIN with an initial response', async () => {
    const list = await credentials('smtp/smtp-data-250.pcap');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ frame: 9, method: 'AUTH PLAIN', client: '10.0.0.1', server: '64.12.168.40', username: '12345678@aol.com', password: 'passwd', accepted: true });
  });

  it('reports nothing for sessions without AUTH', async () => {
    expect(await credentials('smtp/smtp-zip.pcap')).toEqual([]);
  });
});
