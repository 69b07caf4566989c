const PREFIXES = [' T', ' G', ' M', ' k'];

/**
 * format_size(size, FORMAT_SIZE_UNIT_BYTES, 0) as tshark's conversation
 * table prints byte counts: "610 bytes", "10 kB", "5 MB" (SI prefixes,
 * truncated, the prefix used once the count reaches ten of it).
 */
export function formatByteSize(size: number): string {
  for (let i = 0; i < PREFIXES.length; i++) {
    const scaled = Math.floor(size / 1000 ** (PREFIXES.length - i));
    if (scaled >= 10) return `${scaled}${PREFIXES[i]}B`;
  }
  return `${size} bytes`;
}
