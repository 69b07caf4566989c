// What the IPv6 option captures share: the documentation addresses they use
// and a hop-by-hop or destination options header built around given options.

const host = (last: number): number[] => [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last];
export const SRC = host(2);
export const DST = host(1);
export const HOP_BY_HOP = 0;
export const DESTINATION_OPTIONS = 60;
export const UDP = 17;

/** An option header before `next`: the options, then PadN (or Pad1) to a multiple of eight bytes. */
export function optionHeader(next: number, options: number[]): Uint8Array {
  const bytes = [next, 0, ...options];
  const pad = (8 - (bytes.length % 8)) % 8;
  if (pad === 1) bytes.push(0);
  else if (pad > 1) bytes.push(1, pad - 2, ...new Array<number>(pad - 2).fill(0));
  bytes[1] = bytes.length / 8 - 1;
  return Uint8Array.from(bytes);
}
