import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CREDENTIALS_TAP, type CredentialRecord } from '@netdissect/core';
import { decodeBasicCredentials } from '@netdissect/http';
import { dissectFile, frame, value } from './dissect-helpers.js';

describe('HTTP Basic authorization', () => {
  it('decodes the credentials leniently, as g_base64_decode does', () => {
    expect(decodeBasicCredentials('YWxpY2U6czNjcmV0')).toBe('alice:s3cret');
    expect(decodeBasicCredentials('YWxp Y2U6czNj!cmV0')).toBe('alice:s3cret');
    expect(decodeBasicCredentials('x')).toBe('x');
  });

  it('shows http.authbasic and reports each login once, settled by the server\'s answer (crafted basic-auth.pcap)', async () => {
    const seen: CredentialRecord[] = [];
    const frames = await dissectFile(join(__dirname, 'captures', 'basic-auth.pcap'), {
      twoPass: true,
      taps: { [CREDENTIALS_TAP]: (_p, data) => seen.push(data as CredentialRecord) },
    });
    expect(value(frame(frames, 4).tree, 'http.authorization')).toBe('Basic dXNlcjp3cm9uZw==');
    expect(value(frame(frames, 4).tree, 'http.authbasic')).toBe('user:wrong');
    expect(value(frame(frames, 8).tree, 'http.authbasic')).toBe('alice:s3cret');
    expect(seen.map((c) => [c.frame, c.protocol, c.method, c.username, c.password, c.client, c.server, c.accepted])).toEqual([
      [4, 'HTTP', 'Basic', 'user', 'wrong', '10.0.0.1', '10.0.0.2', false],
      [8, 'HTTP', 'Basic', 'alice', 's3cret', '10.0.0.1', '10.0.0.2', true],
    ]);
    expect(seen[0]!.stream).toBe(0);
  });
});
