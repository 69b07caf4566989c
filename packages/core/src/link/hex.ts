export function hex2(n: number): string {
  return (n & 0xff).toString(16).padStart(2, '0');
}

export function hex4(n: number): string {
  return (n & 0xffff).toString(16).padStart(4, '0');
}

export function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
