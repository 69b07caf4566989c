import { seededU32 } from '../../support/seeded-random.js';

/**
 * The fuzzer's only source of randomness: a seeded 32-bit generator
 * (mulberry32). Every case derives its own generator from (run seed, case
 * number), so any case replays exactly on its own.
 */
export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = seededU32(seed);
  }

  /** A generator for one branch of the run: the same (seed, path) always gives the same numbers. */
  static derive(seed: number, ...path: number[]): Random {
    let h = mix(seed >>> 0);
    for (const p of path) h = mix((h ^ (p >>> 0)) + 0x9e3779b9);
    return new Random(h);
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    return this.next();
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n); 0 when n <= 0. */
  below(n: number): number {
    return n <= 0 ? 0 : Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.below(items.length)]!;
  }

  /** Small numbers far more often than large ones: most mutations should touch a few bytes. */
  small(max: number): number {
    return Math.min(max, 1 + Math.floor(-Math.log(1 - this.float()) * 2));
  }
}

/** murmur3's 32-bit finaliser: spreads nearby seeds far apart. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
