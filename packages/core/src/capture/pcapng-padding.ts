/** pcapng pads block bodies, packet data and option values to 32 bits: `n` rounded up to a multiple of 4. */
export function padTo4(n: number): number {
  return n % 4 === 0 ? n : n + 4 - (n % 4);
}
