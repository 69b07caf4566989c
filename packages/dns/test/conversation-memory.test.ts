// A DNS client uses a new source port per query, so every query is a UDP
// conversation. What DNS keeps per conversation (its transactions) must go
// when the conversation table forgets idle flows, or one-pass memory grows
// with the capture instead of with the open flows.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DissectionSession, TreeContext } from '@netdissect/core';
import '@netdissect/dns';
import { describe, expect, it } from 'vitest';
import { udpFrame } from './frames.js';
import { bytes, header, name, question, record } from './wire.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SERVER = { ip: [10, 0, 0, 53], port: 53 };
const query = bytes(header(0x1234, 0x0100, 1, 0, 0, 0), question(name('www.example.test')));
const answer = bytes(header(0x1234, 0x8180, 1, 1, 0, 0), question(name('www.example.test')), record([0xc0, 0x0c], 1, 1, 60, [192, 0, 2, 1]));

/** Heap retained by a one-pass run over `n` query/response pairs, each from its own client port. */
function retainedMb(n: number, maxOpenFlows: number): { mb: number; session: DissectionSession } {
  const session = new DissectionSession({ limits: { maxOpenFlows } });
  gc();
  const before = process.memoryUsage().heapUsed;
  let no = 0;
  for (let i = 0; i < n; i++) {
    const client = { ip: [10, 1, i >> 15, 1], port: 1024 + (i & 0x7fff) };
    session.dissect(udpFrame(++no, client, SERVER, query), null);
    session.dissect(udpFrame(++no, SERVER, client, answer), null);
  }
  gc();
  return { mb: (process.memoryUsage().heapUsed - before) / 1048576, session };
}

describe('DNS state of forgotten UDP conversations', () => {
  it('goes with them: 100,000 lookups with maxOpenFlows=10000 keep about what 10,000 do', () => {
    const few = retainedMb(10_000, 10_000);
    const many = retainedMb(100_000, 10_000);
    expect(few.session.conversations.evicted).toBe(0);
    expect(many.session.conversations.evicted).toBeGreaterThanOrEqual(80_000);
    // Ten times the lookups, the same open flows: well under twice the memory.
    expect(many.mb, `${many.mb.toFixed(1)} MB for 100,000, ${few.mb.toFixed(1)} MB for 10,000`).toBeLessThan(2 * few.mb + 2);
  });

  it('costs a few hundred bytes per open lookup (conversation, UDP clock, transaction, table entry)', () => {
    const open = retainedMb(20_000, 100_000);
    expect(open.session.conversations.evicted).toBe(0);
    const perLookup = (open.mb * 1048576) / 20_000;
    // 527 bytes before the clock, the store and a lone transaction lost their own objects.
    expect(perLookup, `${perLookup.toFixed(0)} bytes per open lookup`).toBeLessThan(450);
  });

  it('still pairs each response with its query, in one pass with the limit far below the lookups', () => {
    const session = new DissectionSession({ limits: { maxOpenFlows: 100 } });
    let no = 0;
    for (let i = 0; i < 1000; i++) {
      const client = { ip: [10, 1, 0, 1], port: 2000 + i };
      session.dissect(udpFrame(++no, client, SERVER, query), null);
      const { tree } = session.dissect(udpFrame(++no, SERVER, client, answer), new TreeContext());
      const responseTo: unknown[] = [];
      tree!.forEach((n) => {
        if (n.def?.abbrev === 'dns.response_to') responseTo.push(n.resolvedValue);
      });
      expect(responseTo, `response ${i}`).toEqual([no - 1]);
    }
    expect(session.conversations.evicted).toBeGreaterThan(800);
  });
});
