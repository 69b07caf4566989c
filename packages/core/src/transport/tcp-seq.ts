/** Sequence-number arithmetic modulo 2^32, as Wireshark's *_SEQ macros. */

export function u32(n: number): number {
  return n >>> 0;
}

/** x > y in sequence space. */
export function gtSeq(x: number, y: number): boolean {
  return ((y - x) | 0) < 0;
}

export function ltSeq(x: number, y: number): boolean {
  return ((x - y) | 0) < 0;
}

export function geSeq(x: number, y: number): boolean {
  return ((x - y) | 0) >= 0;
}

export function leSeq(x: number, y: number): boolean {
  return ((y - x) | 0) >= 0;
}

/**
 * Nanoseconds from b to a, as a double (fine below ~100 days). Wireshark
 * keeps this in an unsigned 64-bit number, so a frame dated before b is
 * "long after" it: Infinity here, past every threshold.
 */
export function nsBetween(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  const ns = nsSigned(aSec, aNsec, bSec, bNsec);
  return ns < 0 ? Infinity : ns;
}

/** Nanoseconds from b to a, negative when a is earlier (for ltUnsigned64). */
export function nsSigned(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  return (aSec - bSec) * 1e9 + (aNsec - bNsec);
}

/**
 * a < b for two signed nanosecond counts compared as the unsigned 64-bit
 * numbers C converts them to: a negative one is past every positive one.
 */
export function ltUnsigned64(a: number, b: number): boolean {
  return a < 0 === b < 0 ? a < b : b < 0;
}
