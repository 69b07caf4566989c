import { describe, expect, it } from 'vitest';
import { hfImf } from '@netdissect/smtp';
import { dissectPackets, IMAP_TREE_FIELDS, type FrameView } from './support/dissect-capture.js';
import { buildTcpSession } from './support/tcp-session.js';

/** A message of about `bytes` bytes in CRLF lines. */
function message(bytes: number): string {
  let body = 'From: a@example.org\r\nTo: b@example.org\r\nSubject: big\r\n\r\n';
  for (let i = 0; body.length < bytes; i++) body += `Line ${String(i).padStart(7, '0')} of a long message body, padding padding padding\r\n`;
  return body;
}

/** A FETCH of one message, answered in 1460-byte segments; returns the frames and the literal's length. */
function fetchSession(bytes: number, twoPass: boolean): { frames: FrameView[]; size: number; closeFrame: number } {
  const msg = message(bytes);
  const head = `* 1 FETCH (BODY[] {${msg.length}}\r\n`;
  const frames = dissectPackets(
    buildTcpSession([
      { fromClient: true, data: 'a1 FETCH 1 BODY[]\r\n' },
      { fromClient: false, data: `${head}${msg})\r\na1 OK FETCH completed\r\n` },
    ]),
    { twoPass, fields: [...IMAP_TREE_FIELDS, hfImf] },
  );
  // Frames 1-3 are the handshake, 4 the request; the ")" after the literal is in this frame.
  const closeFrame = 5 + Math.floor((head.length + msg.length) / 1460);
  return { frames, size: msg.length, closeFrame };
}

function imapFrames(frames: readonly FrameView[]): number[] {
  return frames.filter((f) => f.layers.includes('imap')).map((f) => f.no);
}

describe('a FETCH literal spanning many segments', () => {
  for (const [label, bytes] of [['141 KB', 141_000], ['2.5 MB', 2_500_000]] as const) {
    it(`attributes a ${label} literal to the segment with its closing parenthesis, on both passes`, () => {
      for (const twoPass of [false, true]) {
        const { frames, size, closeFrame } = fetchSession(bytes, twoPass);
        const last = frames.at(-1)!;
        expect(last.no).toBe(closeFrame);
        if (twoPass) expect(imapFrames(frames)).toEqual([4, closeFrame]);
        expect(last.lines.map((l) => l.text)).toEqual([`* 1 FETCH (BODY[] {${size}}\r\n`, ')\r\n', 'a1 OK FETCH completed\r\n']);
        expect(last.layers).toContain('imf');
        const imf: number[] = [];
        last.tree.forEach((n) => {
          if (n.def === hfImf) imf.push(n.length);
        });
        expect(imf).toEqual([size]);
        for (const f of frames.slice(4, -1)) expect(f.info).toContain('[TCP segment of a reassembled PDU]');
      }
    });
  }
});
