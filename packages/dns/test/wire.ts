// Hand-built messages for the unit tests: header, questions and records
// from plain numbers and names, so each test shows the bytes it is about.

export function u16(v: number): number[] {
  return [(v >> 8) & 0xff, v & 0xff];
}

export function u32(v: number): number[] {
  return [...u16(v >>> 16), ...u16(v & 0xffff)];
}

/** A name in uncompressed wire form ('' is the root). */
export function name(n: string): number[] {
  if (n === '') return [0];
  const out: number[] = [];
  for (const label of n.split('.')) out.push(label.length, ...Array.from(label, (c) => c.charCodeAt(0)));
  return [...out, 0];
}

export function header(id: number, flags: number, qd: number, an: number, ns: number, ar: number): number[] {
  return [...u16(id), ...u16(flags), ...u16(qd), ...u16(an), ...u16(ns), ...u16(ar)];
}

export function question(owner: number[], type = 1, cls = 1): number[] {
  return [...owner, ...u16(type), ...u16(cls)];
}

export function record(owner: number[], type: number, cls: number, ttl: number, rdata: number[]): number[] {
  return [...owner, ...u16(type), ...u16(cls), ...u32(ttl), ...u16(rdata.length), ...rdata];
}

export function bytes(...parts: number[][]): Uint8Array {
  return Uint8Array.from(parts.flat());
}
