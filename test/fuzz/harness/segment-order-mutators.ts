/**
 * Changes to the order and number of TCP segments in a capture: shuffled,
 * duplicated, dropped, re-sent with overlapping different bytes, and whole
 * flows moved so their sequence numbers wrap past 2^32.
 */
import type { RawPacket } from '@netdissect/core';
import type { AppliedMutation } from './mutation.js';
import { locateLayers, setU32, u32 } from './packet-layout.js';
import type { Random } from './random.js';

export interface SegmentOrderMutator {
  readonly kind: string;
  /** Changes `packets` in place; returns what was done and which frames it touched, or null if it does not apply. */
  apply(packets: RawPacket[], rng: Random): { detail: string; touched: number } | null;
}

function tcpIndexes(packets: readonly RawPacket[]): number[] {
  const out: number[] = [];
  packets.forEach((p, i) => {
    if (locateLayers(p.bytes, p.linktype).transport?.kind === 'tcp') out.push(i);
  });
  return out;
}

function copy(p: RawPacket): RawPacket {
  return { ...p, bytes: p.bytes.slice() };
}

export const shuffleSegments: SegmentOrderMutator = {
  kind: 'shuffle-segments',
  apply(packets, rng) {
    const tcp = tcpIndexes(packets);
    if (tcp.length < 2) return null;
    const swaps = rng.small(Math.max(1, tcp.length >> 1));
    const done: string[] = [];
    for (let k = 0; k < swaps; k++) {
      const a = rng.below(tcp.length);
      const b = Math.min(tcp.length - 1, a + rng.small(4));
      if (a === b) continue;
      const [i, j] = [tcp[a]!, tcp[b]!];
      [packets[i], packets[j]] = [packets[j]!, packets[i]!];
      done.push(`${i + 1}<->${j + 1}`);
    }
    return done.length ? { detail: `swapped ${done.join(' ')}`, touched: done.length * 2 } : null;
  },
};

export const duplicateSegments: SegmentOrderMutator = {
  kind: 'duplicate-segments',
  apply(packets, rng) {
    const tcp = tcpIndexes(packets);
    if (tcp.length === 0) return null;
    const i = rng.pick(tcp);
    const times = rng.small(5);
    const at = Math.min(packets.length, i + 1 + rng.below(4));
    packets.splice(at, 0, ...Array.from({ length: times }, () => copy(packets[i]!)));
    return { detail: `frame ${i + 1} sent ${times} more time(s) at ${at + 1}`, touched: times };
  },
};

export const dropSegments: SegmentOrderMutator = {
  kind: 'drop-segments',
  apply(packets, rng) {
    const tcp = tcpIndexes(packets);
    if (tcp.length < 2) return null;
    const i = rng.pick(tcp);
    packets.splice(i, 1);
    return { detail: `frame ${i + 1} dropped`, touched: 1 };
  },
};

/** A retransmission that starts inside an earlier segment and carries different bytes (overlap conflict). */
export const overlappingSegment: SegmentOrderMutator = {
  kind: 'overlapping-segment',
  apply(packets, rng) {
    const candidates = tcpIndexes(packets).filter((i) => {
      const l = locateLayers(packets[i]!.bytes, packets[i]!.linktype);
      return l.payload !== null && l.payload.end - l.payload.offset > 1;
    });
    if (candidates.length === 0) return null;
    const i = rng.pick(candidates);
    const p = copy(packets[i]!);
    const l = locateLayers(p.bytes, p.linktype);
    const shift = rng.between(-64, 64);
    setU32(p.bytes, l.transport!.offset + 4, (u32(p.bytes, l.transport!.offset + 4) + shift) >>> 0);
    for (let k = l.payload!.offset; k < l.payload!.end; k++) if (rng.chance(0.3)) p.bytes[k] = rng.below(256);
    packets.splice(Math.min(packets.length, i + 1 + rng.below(3)), 0, p);
    return { detail: `frame ${i + 1} re-sent at seq ${shift >= 0 ? '+' : ''}${shift} with different bytes`, touched: 1 };
  },
};

/** Move every TCP flow's sequence space so it crosses 2^32 within the capture. */
export const wrapSequenceNumbers: SegmentOrderMutator = {
  kind: 'wrap-sequence-numbers',
  apply(packets, rng) {
    // Each direction (told apart by source port) is moved to start a little below the wrap.
    const shiftBySource = new Map<number, number>();
    const segments = tcpIndexes(packets).map((i) => ({ p: packets[i]!, t: locateLayers(packets[i]!.bytes, packets[i]!.linktype).transport! }));
    for (const { p, t } of segments) {
      if (!shiftBySource.has(t.srcPort)) shiftBySource.set(t.srcPort, (0x100000000 - rng.between(1, 3000) - u32(p.bytes, t.offset + 4)) >>> 0);
    }
    for (const { p, t } of segments) {
      setU32(p.bytes, t.offset + 4, (u32(p.bytes, t.offset + 4) + shiftBySource.get(t.srcPort)!) >>> 0);
      const back = shiftBySource.get(t.dstPort);
      if (back !== undefined) setU32(p.bytes, t.offset + 8, (u32(p.bytes, t.offset + 8) + back) >>> 0);
    }
    return segments.length ? { detail: `${shiftBySource.size} direction(s) moved to wrap past 2^32`, touched: segments.length } : null;
  },
};

export const SEGMENT_ORDER_MUTATORS: readonly SegmentOrderMutator[] = [shuffleSegments, duplicateSegments, dropSegments, overlappingSegment, wrapSequenceNumbers];

/** Apply one segment-order mutator chosen at random; the record, or null when none applied. */
export function mutateSegmentOrder(packets: RawPacket[], rng: Random): (AppliedMutation & { touched: number }) | null {
  for (let attempt = 0; attempt < 4; attempt++) {
    const m = rng.pick(SEGMENT_ORDER_MUTATORS);
    const r = m.apply(packets, rng);
    if (r) return { kind: m.kind, detail: r.detail, touched: r.touched };
  }
  return null;
}
