import type { Address } from './address.js';

/**
 * A small integer (a V8 Smi, so the Map neither boxes nor hashes a string)
 * from an IPv4 endpoint pair, the same whichever way round: MurmurHash3's
 * 32-bit mixing over (type, lower endpoint, higher endpoint).
 */
export function ipv4PairHash(type: number, a: number, pa: number, b: number, pb: number): number {
  let lo = a, hi = b, plo = pa, phi = pb;
  if (a > b || (a === b && pa > pb)) {
    lo = b; hi = a; plo = pb; phi = pa;
  }
  let h = mixWord(type, lo);
  h = mixWord(h, hi);
  h = mixWord(h, (plo << 16) | phi);
  return finish(h);
}

/**
 * The same for endpoints of any other address type (IPv6 above all), over
 * each address's type, length and bytes, the lower endpoint (cmp_address
 * order, then port) first.
 */
export function endpointPairHash(type: number, a: Address, pa: number, b: Address, pb: number): number {
  const c = a.compare(b);
  const swap = c > 0 || (c === 0 && pa > pb);
  const lo = swap ? b : a;
  const hi = swap ? a : b;
  let h = lo.mixInto(mixWord(type, 0x9e3779b9));
  h = hi.mixInto(h);
  h = mixWord(h, swap ? (pb << 16) | pa : (pa << 16) | pb);
  return finish(h);
}

/** MurmurHash3's step for one 32-bit word. */
export function mixWord(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finalizer, cut to 30 bits (a Smi on every platform). */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 0x3fffffff;
}
