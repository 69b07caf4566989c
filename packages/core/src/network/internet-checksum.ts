/**
 * The Internet checksum (RFC 1071) over the given pieces, returned as the
 * complement of the one's-complement sum: 0 means the data checks out.
 */
export function internetChecksum(...parts: Uint8Array[]): number {
  let sum = 0;
  let odd = false;
  for (const p of parts) {
    let i = 0;
    if (odd && p.length > 0) {
      sum += p[0]!;
      i = 1;
      odd = false;
    }
    for (; i + 1 < p.length; i += 2) sum += (p[i]! << 8) | p[i + 1]!;
    if (i < p.length) {
      sum += p[i]! << 8;
      odd = true;
    }
    if (sum > 0x7fffffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}
