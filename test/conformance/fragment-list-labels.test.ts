import { describe, expect, it } from 'vitest';
import { labelOf, type FieldNode } from '@netdissect/core';
import '@netdissect/http';
import '@netdissect/smtp';
import { dissectFrames } from '../support/dissect-frames.js';
import { buildTcpSession, type SessionSegment } from '../support/tcp-session-builder.js';

const LABEL_BUFFER_BYTES = 239;

function session(port: number, segments: readonly SessionSegment[], mss: number) {
  return buildTcpSession(segments, {
    client: { mac: [0, 1, 2, 3, 4, 5], ip: [192, 0, 2, 10], port: 50_000 },
    server: { mac: [0, 1, 2, 3, 4, 6], ip: [192, 0, 2, 20], port },
    mss,
  });
}

/** The list item named `abbrev` (the last one in the session), its label, and what the label should list. */
function fragmentList(port: number, segments: readonly SessionSegment[], mss: number, abbrev: string): { label: string; count: number; bytes: number; parts: string[]; kind: string } {
  const frames = dissectFrames(session(port, segments, mss));
  let list: FieldNode | null = null;
  for (const f of frames) {
    f.tree.forEach((n) => {
      if (n.def?.abbrev === abbrev) list = n;
    });
  }
  expect(list).not.toBeNull();
  const node = list as unknown as FieldNode;
  // The list's children: one item per piece (tcp.segment, smtp.data.fragment), then count and length.
  const frags = (node.children ?? []).filter((c) => c.def?.abbrev === abbrev.replace(/s$/, ''));
  return {
    label: labelOf(node),
    count: frags.length,
    bytes: frags.reduce((n, c) => n + c.length, 0),
    parts: frags.map((c) => `#${c.value}(${c.length})`),
    kind: frags.length === 1 ? frags[0]!.def!.name : node.def!.name,
  };
}

function httpResponse(bodyBytes: number): SessionSegment[] {
  return [
    { fromClient: true, data: 'GET /big HTTP/1.1\r\nHost: example.org\r\n\r\n' },
    { fromClient: false, data: `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${bodyBytes}\r\n\r\n${'x'.repeat(bodyBytes)}` },
  ];
}

function smtpMessage(bodyBytes: number): SessionSegment[] {
  const body = `Subject: big\r\n\r\n${'line of text\r\n'.repeat(Math.ceil(bodyBytes / 14))}`;
  return [
    { fromClient: false, data: '220 mail.example.org ESMTP\r\n' },
    { fromClient: true, data: 'EHLO client\r\n' },
    { fromClient: false, data: '250 mail.example.org\r\n' },
    { fromClient: true, data: 'MAIL FROM:<a@example.org>\r\n' },
    { fromClient: false, data: '250 OK\r\n' },
    { fromClient: true, data: 'RCPT TO:<b@example.org>\r\n' },
    { fromClient: false, data: '250 OK\r\n' },
    { fromClient: true, data: 'DATA\r\n' },
    { fromClient: false, data: '354 go ahead\r\n' },
    { fromClient: true, data: `${body}.\r\n` },
    { fromClient: false, data: '250 queued\r\n' },
  ];
}

describe('the "[n ... (x bytes): #a(l), #b(l)]" label of a reassembly (show_fragment)', () => {
  for (const [name, port, segments, abbrev] of [
    ['TCP segments under HTTP', 80, httpResponse, 'tcp.segments'],
    ['SMTP DATA fragments', 25, smtpMessage, 'smtp.data.fragments'],
  ] as const) {
    it(`${name}: a long list is cut at the label buffer's end, without a "[truncated]" mark`, () => {
      const l = fragmentList(port, segments(40_000), 1000, abbrev);
      expect(l.count).toBeGreaterThan(30);
      const whole = `${l.count} ${l.kind} (${l.bytes} bytes): ${l.parts.join(', ')}`;
      expect(Buffer.byteLength(whole)).toBeGreaterThan(LABEL_BUFFER_BYTES);
      expect(l.label).toBe(`[${whole.slice(0, LABEL_BUFFER_BYTES)}]`);
    });

    it(`${name}: a short list is whole`, () => {
      const l = fragmentList(port, segments(2_500), 1000, abbrev);
      expect(l.count).toBeGreaterThan(1);
      expect(l.label).toBe(`[${l.count} ${l.kind} (${l.bytes} bytes): ${l.parts.join(', ')}]`);
    });
  }
});
