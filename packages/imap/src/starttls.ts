import type { Tvb } from '@netdissect/core';

const HEURISTIC_LEN = 5;

/**
 * check_imap_heur: a payload whose first five bytes are not all printable
 * ASCII is taken for TLS (the STARTTLS exchange happened before the
 * capture began). Fewer than five bytes cannot tell, so count as text.
 */
export function looksLikeCleartext(tvb: Tvb): boolean {
  if (!tvb.has(0, HEURISTIC_LEN)) return true;
  for (let i = 0; i < HEURISTIC_LEN; i++) {
    const c = tvb.u8(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}
