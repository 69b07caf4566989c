import type { RawPacket } from '@netdissect/core';
import { buildTcpSession, type SessionSegment } from './tcp-session.js';

const MESSAGE_PARTS = [
  'From: alice@example.org\r\nTo: bob@example.org\r\n',
  'Subject: Octets test\r\n\r\nHello Bob,\r\n',
  '..a line that starts with a dot\r\nBye\r\n.\r\n',
];
/** What a RETR of the message above should yield: dot-stuffing undone, no terminator. */
export const OCTETS_MESSAGE = 'From: alice@example.org\r\nTo: bob@example.org\r\nSubject: Octets test\r\n\r\nHello Bob,\r\n.a line that starts with a dot\r\nBye\r\n';
const STUFFED_LENGTH = MESSAGE_PARTS.join('').length - 3;

/**
 * A POP3 session the corpus has no example of: APOP, a RETR answered with
 * "+OK n octets" and its message in three segments (so packet-pop.c
 * reassembles it), a TOP answered without a size, and AUTH PLAIN with an
 * initial response.
 */
export const octetsSegments: SessionSegment[] = [
  { fromClient: false, data: '+OK POP3 server ready <1896.697170952@dbc.mailcom>\r\n' },
  { fromClient: true, data: 'APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n' },
  { fromClient: false, data: '+OK maildrop has 1 message (369 octets)\r\n' },
  { fromClient: true, data: 'RETR 1\r\n' },
  { fromClient: false, data: `+OK ${STUFFED_LENGTH} octets\r\n` },
  ...MESSAGE_PARTS.map((data) => ({ fromClient: false, data })),
  { fromClient: true, data: 'TOP 1 0\r\n' },
  { fromClient: false, data: '+OK top of message follows\r\n' },
  { fromClient: false, data: 'From: alice@example.org\r\n\r\n.\r\n' },
  { fromClient: true, data: 'AUTH PLAIN AGJvYgBzM2NyM3Q=\r\n' },
  { fromClient: false, data: '-ERR already authenticated\r\n' },
  { fromClient: true, data: 'QUIT\r\n' },
  { fromClient: false, data: '+OK bye\r\n' },
];

export function octetsSession(): RawPacket[] {
  return buildTcpSession(octetsSegments);
}
