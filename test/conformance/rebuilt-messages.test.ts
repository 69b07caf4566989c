import { DissectionSession, type FragmentHead, type RawPacket } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import '../../packages/cli/src/protocols.js';
import { readPackets } from '../support/dissect-frames.js';
import { corpusAvailable, corpusPath } from '../support/paths.js';
import { resegmentTcp } from '../support/resegment-tcp.js';

/** The bytes of every reassembled data source ("Reassembled SMTP", "Reassembled TCP", ...) by frame, on one pass. */
function reassembled(session: DissectionSession, packets: readonly RawPacket[], visited: boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of packets) {
    const { pinfo } = session.dissect(p, null, visited);
    for (const ds of pinfo.dataSources) if (ds.name.startsWith('Reassembled')) out.set(`${p.no} ${ds.name.replace(/ \(.*/, '')}`, Buffer.from(ds.bytes).toString('hex'));
  }
  return out;
}

interface SmtpMessages {
  done: Map<string, { head: FragmentHead | null }>;
}

// SMTP message bodies drop their bytes after the first pass and are rebuilt from their
// frames on a revisit. With short segments, lines are cut across segments, so some pieces
// of a message come out of reassembled TCP PDUs rather than straight from a frame: those
// pieces keep their own bytes (and only those), and the rebuilt message must be the same.
describe.skipIf(!corpusAvailable())('SMTP messages rebuilt on a revisit', () => {
  it.each([
    ['smtp/smtp.pcap', 0],
    ['smtp/smtp.pcap', 13],
    ['smtp/smtp.pcap', 50],
    ['smtp/mail_sender_attachment.pcapng', 0],
  ])('%s (segments cut to %i bytes, 0: as captured): the revisit rebuilds the first pass\'s bytes', async (rel, size) => {
    const captured = await readPackets(corpusPath(rel));
    const packets = size ? resegmentTcp(captured, size) : captured;
    const session = new DissectionSession();
    session.keepHistory = true;
    let reads = 0;
    session.frameBytes = (no) => (reads++, packets[no - 1]?.bytes ?? null);
    const first = reassembled(session, packets, false);
    expect([...first.keys()].some((k) => k.endsWith('Reassembled SMTP'))).toBe(true);

    const heads = [...new Set((session.protoState.get('smtp.data') as SmtpMessages).done.values())].flatMap((m) => (m.head ? [m.head] : []));
    expect(heads.every((h) => h.data === null)).toBe(true);
    const pieces = heads.flatMap((h) => h.pieces()).filter((f) => f.len > 0);
    expect(pieces.every((f) => (f.src < 0) === (f.data !== null))).toBe(true);
    // Cut short, lines span segments: then some pieces are not in any frame.
    expect(pieces.some((f) => f.src < 0)).toBe(size > 0);

    expect(reassembled(session, packets, true)).toEqual(first);
    expect(reads).toBeGreaterThan(0);
  });
});
