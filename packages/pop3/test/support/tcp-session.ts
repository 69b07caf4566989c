import type { RawPacket } from '@netdissect/core';
import { buildTcpSession as buildSession, type SessionSegment } from '../../../../test/support/tcp-session-builder.js';

export type { SessionSegment };

/** A TCP conversation between 10.0.0.1:40000 and a POP3 server at 10.0.0.2:110. */
export function buildTcpSession(segments: readonly SessionSegment[]): RawPacket[] {
  return buildSession(segments, {
    client: { mac: [2, 0, 0, 0, 0, 1], ip: [10, 0, 0, 1], port: 40000 },
    server: { mac: [2, 0, 0, 0, 0, 2], ip: [10, 0, 0, 2], port: 110 },
  });
}
