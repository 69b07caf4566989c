// Builds small pcapng files block by block, in either byte order, for tests
// of cases the corpus does not cover (odd resolutions, offsets, damage).

export interface Option {
  code: number;
  value: Uint8Array | string;
}

export class PcapngBuilder {
  private readonly parts: Uint8Array[] = [];

  constructor(private littleEndian = true) {}

  private u16(v: number): Uint8Array {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, v, this.littleEndian);
    return b;
  }

  u32(v: number): Uint8Array {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, this.littleEndian);
    return b;
  }

  u64(v: bigint): Uint8Array {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), this.littleEndian);
    return b;
  }

  private options(options: readonly Option[]): Uint8Array[] {
    if (options.length === 0) return [];
    const out: Uint8Array[] = [];
    for (const o of options) {
      const value = typeof o.value === 'string' ? new TextEncoder().encode(o.value) : o.value;
      out.push(this.u16(o.code), this.u16(value.length), value, new Uint8Array((4 - (value.length % 4)) % 4));
    }
    out.push(new Uint8Array(4)); // opt_endofopt
    return out;
  }

  /** Append a block with the given body; total length computed unless overridden. */
  block(type: number, body: readonly Uint8Array[], lengths: { first?: number; second?: number } = {}): this {
    const bodyLen = body.reduce((n, b) => n + b.length, 0);
    const total = 12 + bodyLen;
    this.parts.push(this.u32(type), this.u32(lengths.first ?? total), ...body, this.u32(lengths.second ?? total));
    return this;
  }

  shb(options: readonly Option[] = [], opts: { littleEndian?: boolean; version?: [number, number]; magic?: number } = {}): this {
    if (opts.littleEndian !== undefined) this.littleEndian = opts.littleEndian;
    const [major, minor] = opts.version ?? [1, 0];
    return this.block(0x0a0d0d0a, [this.u32(opts.magic ?? 0x1a2b3c4d), this.u16(major), this.u16(minor), this.u64(-1n), ...this.options(options)]);
  }

  idb(linktype: number, snaplen: number, options: readonly Option[] = []): this {
    return this.block(1, [this.u16(linktype), this.u16(0), this.u32(snaplen), ...this.options(options)]);
  }

  epb(ifId: number, ts: bigint, data: Uint8Array, opts: { len?: number; options?: readonly Option[]; caplen?: number } = {}): this {
    return this.block(6, [
      this.u32(ifId),
      this.u32(Number(ts >> 32n)),
      this.u32(Number(ts & 0xffffffffn)),
      this.u32(opts.caplen ?? data.length),
      this.u32(opts.len ?? data.length),
      data,
      new Uint8Array((4 - (data.length % 4)) % 4),
      ...this.options(opts.options ?? []),
    ]);
  }

  pb(ifId: number, ts: bigint, data: Uint8Array, opts: { len?: number; options?: readonly Option[]; drops?: number } = {}): this {
    return this.block(2, [
      this.u16(ifId),
      this.u16(opts.drops ?? 0xffff),
      this.u32(Number(ts >> 32n)),
      this.u32(Number(ts & 0xffffffffn)),
      this.u32(data.length),
      this.u32(opts.len ?? data.length),
      data,
      new Uint8Array((4 - (data.length % 4)) % 4),
      ...this.options(opts.options ?? []),
    ]);
  }

  spb(origLen: number, data: Uint8Array): this {
    return this.block(3, [this.u32(origLen), data, new Uint8Array((4 - (data.length % 4)) % 4)]);
  }

  raw(bytes: Uint8Array): this {
    this.parts.push(bytes);
    return this;
  }

  bytes(): Uint8Array {
    const total = this.parts.reduce((n, b) => n + b.length, 0);
    const out = new Uint8Array(total);
    let p = 0;
    for (const b of this.parts) {
      out.set(b, p);
      p += b.length;
    }
    return out;
  }
}

/** A classic pcap file header (+ records) builder. */
export function pcapFile(
  opts: { littleEndian?: boolean; nanosecond?: boolean; linktype?: number; version?: [number, number]; snaplen?: number },
  records: readonly { sec: number; frac: number; data: Uint8Array; incl?: number; len?: number }[],
): Uint8Array {
  const le = opts.littleEndian ?? true;
  const size = 24 + records.reduce((n, r) => n + 16 + r.data.length, 0);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, opts.nanosecond ? 0xa1b23c4d : 0xa1b2c3d4, le);
  dv.setUint16(4, opts.version?.[0] ?? 2, le);
  dv.setUint16(6, opts.version?.[1] ?? 4, le);
  dv.setUint32(16, opts.snaplen ?? 262144, le);
  dv.setUint32(20, opts.linktype ?? 1, le);
  let p = 24;
  for (const r of records) {
    dv.setUint32(p, r.sec, le);
    dv.setUint32(p + 4, r.frac, le);
    dv.setUint32(p + 8, r.incl ?? r.data.length, le);
    dv.setUint32(p + 12, r.len ?? r.data.length, le);
    out.set(r.data, p + 16);
    p += 16 + r.data.length;
  }
  return out;
}

/** A little-endian pcap 2.4 file header: `magic`, snapshot length 65535, Ethernet, for makers that write their own records. */
export function pcapFileHeader(magic: number): Buffer {
  const h = Buffer.alloc(24);
  h.writeUInt32LE(magic, 0);
  h.writeUInt16LE(2, 4);
  h.writeUInt16LE(4, 6);
  h.writeUInt32LE(65535, 16);
  h.writeUInt32LE(1, 20);
  return h;
}
