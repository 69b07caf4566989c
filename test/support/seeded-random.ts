/**
 * mulberry32: a small deterministic generator of 32-bit unsigned integers,
 * the same sequence for the same seed everywhere, so a failing random test
 * (or fuzz case) can be replayed.
 */
export function seededU32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** The same generator, in [0, 1). */
export function seededRandom(seed: number): () => number {
  const next = seededU32(seed);
  return () => next() / 4294967296;
}
