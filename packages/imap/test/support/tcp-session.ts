import type { RawPacket } from '@netdissect/core';
import { buildTcpSession as buildSession, type SessionSegment } from '../../../../test/support/tcp-session-builder.js';

/** A TCP conversation between 192.0.2.10:50143 and an IMAP server at 192.0.2.20:143, writes split at `mss` bytes. */
export function buildTcpSession(segments: readonly SessionSegment[], mss = 1460): RawPacket[] {
  return buildSession(segments, {
    client: { mac: [0, 1, 2, 3, 4, 5], ip: [192, 0, 2, 10], port: 50143 },
    server: { mac: [0, 1, 2, 3, 4, 6], ip: [192, 0, 2, 20], port: 143 },
    mss,
  });
}
