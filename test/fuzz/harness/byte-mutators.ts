/** Protocol-blind changes to a frame: bit flips, byte overwrites, truncation and growth. */
import { EDGE_U8, setBytes, type PacketMutator } from './mutation.js';

/** Where most flips land: the headers, where one bit changes the meaning of everything after it. */
function position(length: number, headerEnd: number, rng: { chance(p: number): boolean; below(n: number): number }): number {
  if (headerEnd > 0 && rng.chance(0.5)) return rng.below(Math.min(length, headerEnd));
  return rng.below(length);
}

export const bitFlip: PacketMutator = {
  kind: 'bit-flip',
  weight: 6,
  apply(p, layout, { rng }) {
    if (p.bytes.length === 0) return null;
    const b = p.bytes.slice();
    const n = rng.small(16);
    const spots: string[] = [];
    for (let i = 0; i < n; i++) {
      const off = position(b.length, layout.payload?.offset ?? 0, rng);
      const bit = rng.below(8);
      b[off]! ^= 1 << bit;
      spots.push(`${off}.${bit}`);
    }
    setBytes(p, b);
    return `flipped bits ${spots.join(' ')}`;
  },
};

export const byteOverwrite: PacketMutator = {
  kind: 'byte-overwrite',
  weight: 4,
  apply(p, layout, { rng }) {
    if (p.bytes.length === 0) return null;
    const b = p.bytes.slice();
    const off = position(b.length, layout.payload?.offset ?? 0, rng);
    const n = Math.min(b.length - off, rng.small(8));
    const v = rng.chance(0.7) ? rng.pick(EDGE_U8) : rng.below(256);
    b.fill(v, off, off + n);
    setBytes(p, b);
    return `${n} byte(s) at ${off} set to 0x${v.toString(16)}`;
  },
};

export const truncate: PacketMutator = {
  kind: 'truncate',
  weight: 4,
  apply(p, _layout, { rng }) {
    if (p.bytes.length === 0) return null;
    const keep = rng.below(p.bytes.length);
    // Half the time it looks like a snaplen cut (len kept), half like a short packet.
    const snap = rng.chance(0.5);
    p.bytes = p.bytes.slice(0, keep);
    p.caplen = keep;
    if (!snap) p.len = keep;
    return `cut to ${keep} bytes${snap ? ` (len ${p.len} kept)` : ''}`;
  },
};

export const extend: PacketMutator = {
  kind: 'extend',
  weight: 1,
  apply(p, _layout, { rng }) {
    const extra = rng.chance(0.8) ? rng.between(1, 64) : rng.between(1000, 8000);
    const b = new Uint8Array(p.bytes.length + extra);
    b.set(p.bytes);
    const fill = rng.chance(0.5) ? rng.pick(EDGE_U8) : -1;
    for (let i = p.bytes.length; i < b.length; i++) b[i] = fill >= 0 ? fill : rng.below(256);
    setBytes(p, b);
    return `${extra} trailing byte(s)`;
  },
};

/** Claims more on the wire than was captured (or less, which is impossible). */
export const wireLength: PacketMutator = {
  kind: 'wire-length',
  weight: 1,
  apply(p, _layout, { rng }) {
    const choices = [0, Math.max(0, p.caplen - 1), p.caplen + 1, 65535, 262144, 0x7fffffff, 0xffffffff];
    p.len = rng.pick(choices);
    return `len set to ${p.len}`;
  },
};
