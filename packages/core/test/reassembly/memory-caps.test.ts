import { describe, expect, it } from 'vitest';
import { DissectionSession, type RawPacket } from '@netdissect/core';
import { retainedHeapMb as retainedMb } from '../../../../test/support/retained-heap.js';

/** An Ethernet/IPv4/TCP frame (checksums are not verified, so left zero). */
function tcpFrame(no: number, src: number, sport: number, dst: number, dport: number, seq: number, ack: number, flags: number, payload = 0): RawPacket {
  const b = new Uint8Array(54 + payload);
  b.set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 8, 0], 0);
  const total = 40 + payload;
  b.set([0x45, 0, total >> 8, total & 255, 0, 0, 0x40, 0, 64, 6, 0, 0], 14);
  b.set([src >>> 24, (src >>> 16) & 255, (src >>> 8) & 255, src & 255, dst >>> 24, (dst >>> 16) & 255, (dst >>> 8) & 255, dst & 255], 26);
  b.set([sport >> 8, sport & 255, dport >> 8, dport & 255, seq >>> 24, (seq >>> 16) & 255, (seq >>> 8) & 255, seq & 255, ack >>> 24, (ack >>> 16) & 255, (ack >>> 8) & 255, ack & 255, 0x50, flags, 0xff, 0xff, 0, 0, 0, 0], 34);
  for (let i = 0; i < payload; i++) b[54 + i] = 65 + (i % 26);
  return { no, tsSec: 1_700_000_000 + Math.floor(no / 1000), tsNsec: (no % 1000) * 1000, tsPrecision: 6, caplen: b.length, len: b.length, linktype: 1, interfaceId: 0, bytes: b, dataOffset: -1 };
}

describe('memory stays under the configured caps', () => {
  it('100,000 half-open connections (SYNs to distinct ports) with maxOpenFlows=20000', () => {
    const session = new DissectionSession({ limits: { maxOpenFlows: 20_000 } });
    const { mb } = retainedMb(() => {
      for (let i = 0; i < 100_000; i++) {
        session.dissect(tcpFrame(i + 1, 0x0a000002, 1024 + (i % 50_000), 0x0a000001 + Math.floor(i / 50_000), 80 + (i % 7), 1000 + i, 0, 0x02), null);
      }
      return session;
    });
    expect(session.conversations.evicted).toBeGreaterThanOrEqual(80_000);
    // ~1.8 KB per tracked connection: 20,000 of them, not 100,000.
    expect(mb).toBeLessThan(60);
  });

  it('an endless stream after a gap that never fills stays under tcpReassemblyBytesPerFlow', () => {
    const cap = 1 << 20;
    const session = new DissectionSession({ limits: { tcpReassemblyBytesPerFlow: cap, tcpReassemblyBytesTotal: 4 * cap } });
    const a = 0x0a000002, b = 0x0a000001;
    let no = 0;
    const frames: RawPacket[] = [
      tcpFrame(++no, a, 40000, b, 80, 100, 0, 0x02),
      tcpFrame(++no, b, 80, a, 40000, 5000, 101, 0x12),
      tcpFrame(++no, a, 40000, b, 80, 101, 5001, 0x10),
    ];
    for (const f of frames) session.dissect(f, null);
    let expertSeen = false;
    const { mb } = retainedMb(() => {
      // 40 MB of 1000-byte segments, all beyond a 500-byte hole that never fills.
      for (let i = 0; i < 40_000; i++) {
        const d = session.dissect(tcpFrame(++no, a, 40000, b, 80, 101 + 500 + i * 1000, 5001, 0x18, 1000), null);
        if (d.pinfo.experts.some((e) => e.field === 'tcp.reassembly.limit')) expertSeen = true;
      }
    });
    expect(expertSeen).toBe(true);
    expect(mb).toBeLessThan(25);
  });
});
