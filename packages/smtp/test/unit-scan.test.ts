import { describe, expect, it } from 'vitest';
import { buildTcpSession, type SessionSegment } from '../../../test/support/tcp-session-builder.js';
import { dissectPackets } from './support/dissect.js';

const FIELDS = ['smtp.req.command', 'smtp.req.parameter', 'smtp.response.code', 'smtp.rsp.parameter'];

function session(writes: SessionSegment[]) {
  return buildTcpSession(writes, {
    client: { mac: [2, 0, 0, 0, 0, 1], ip: [10, 0, 0, 1], port: 40000 },
    server: { mac: [2, 0, 0, 0, 0, 2], ip: [10, 0, 0, 2], port: 25 },
  });
}

/** The frames that show SMTP, each as its values in order. */
function smtpFrames(writes: SessionSegment[]): Array<{ num: number; values: string[] }> {
  return dissectPackets(session(writes), FIELDS)
    .filter((f) => f.protocol === 'SMTP')
    .map((f) => ({ num: f.num, values: f.ordered.map(([name, v]) => `${name}=${v}`) }));
}

const server = (data: string): SessionSegment => ({ fromClient: false, data });
const client = (data: string): SessionSegment => ({ fromClient: true, data });

// The walk over an unfinished command or reply goes on where the last
// segment's stopped (unit-scan-memo.ts); what it decides must be what a walk
// from the first line decides.
describe('SMTP commands and replies in many segments', () => {
  const replyLines = [...Array(400).keys()].map((i) => `250-EXTENSION${i} ${'p'.repeat(i % 50)}\r\n`);
  // A line that is not a reply line leaves the reply open: the walk must remember that it was open.
  replyLines.splice(200, 0, 'not a reply line\r\n');
  const reply = `${replyLines.join('')}250 OK\r\n`;

  it('a multi-line reply of one line per segment is shown once, in the frame of its last line', () => {
    const whole = smtpFrames([server('220 mx ESMTP\r\n'), client('EHLO c\r\n'), server(reply), client('QUIT\r\n'), server('221 bye\r\n')]);
    const cut = smtpFrames([server('220 mx ESMTP\r\n'), client('EHLO c\r\n'), ...[...replyLines, '250 OK\r\n'].map(server), client('QUIT\r\n'), server('221 bye\r\n')]);
    expect(cut.map((f) => f.values)).toEqual(whole.map((f) => f.values));
    expect(cut).toHaveLength(5);
    // Handshake 3 frames, greeting, EHLO, then 402 segments of the reply: it is shown in the last.
    expect(cut[2]!.num).toBe(5 + replyLines.length + 1);
    // A parameter for each of the 400 continued lines and the last one; none for the line that is not a reply line.
    expect(cut[2]!.values.filter((v) => v.startsWith('smtp.rsp.parameter=')).length).toBe(401);
  });

  it('a command of thousands of segments, its CRLF split between two, is one command', () => {
    const long = `EHLO ${'h'.repeat(3000)}`;
    const pieces = [...long.match(/.{1,7}/gs)!.map(client), client('\r'), client('\n')];
    const cut = smtpFrames([server('220 mx ESMTP\r\n'), ...pieces, server('250 mx\r\n')]);
    expect(cut.map((f) => f.values)).toEqual(smtpFrames([server('220 mx ESMTP\r\n'), client(`${long}\r\n`), server('250 mx\r\n')]).map((f) => f.values));
    expect(cut[1]!.num).toBe(4 + pieces.length);
  });

  it('a reply after one that came in pieces is read from its own first line', () => {
    const writes = (split: boolean): SessionSegment[] => [
      server('220 mx ESMTP\r\n'),
      client('EHLO c\r\n'),
      ...(split ? [server('250-first\r\n'), server('250 second\r\n')] : [server('250-first\r\n250 second\r\n')]),
      client('NOOP\r\n'),
      // Longer than the first piece of the reply before: a walk resumed from there would find it unfinished.
      server('250 OK fine\r\n'),
      client('QUIT\r\n'),
      server('221 bye\r\n'),
    ];
    const cut = smtpFrames(writes(true));
    expect(cut.map((f) => f.values)).toEqual(smtpFrames(writes(false)).map((f) => f.values));
    expect(cut.map((f) => f.num)).toEqual([4, 5, 7, 8, 9, 10, 11]);
  });
});
