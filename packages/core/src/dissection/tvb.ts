import { Address, type AddressType } from './address.js';
import { DataSource } from './data-source.js';
import { BoundsKind, DissectorBoundsError } from './dissector-errors.js';
import { decodeUtf8 } from '../fields/utf8-decoding.js';

/**
 * A bounds-checked window on a data source (Wireshark's tvbuff). Offsets
 * given to its methods are relative to the window; `start` is where the
 * window begins inside the data source, so fields record absolute
 * positions for the hex pane.
 *
 * `length` is how many bytes were captured, `reported` how many the
 * packet claims: reading past `length` but within `reported` means the
 * capture was cut short, past `reported` means the packet is malformed.
 */
export class Tvb {
  readonly bytes: Uint8Array;
  /**
   * How much of `reported` lies within the windows this one was cut from
   * (contained_length): a window may claim more than its parent holds, and
   * a read past its parent's end is "length of contained item exceeds
   * length of containing item", not a capture cut short.
   */
  contained: number;

  constructor(
    readonly ds: DataSource,
    readonly start: number,
    public length: number,
    public reported: number,
    /** Reads past the end count as "unreassembled fragment" rather than malformed. */
    readonly fragment = false,
  ) {
    this.bytes = ds.bytes;
    this.contained = reported;
  }

  static of(ds: DataSource): Tvb {
    return new Tvb(ds, 0, ds.bytes.length, ds.bytes.length);
  }

  /** A new top-level data source made from `bytes` (reassembled or decoded data), shown as "name (n bytes)". */
  static fromBytes(name: string, bytes: Uint8Array): Tvb {
    return Tvb.of(DataSource.named(name, bytes));
  }

  /** Throws the right bounds error when [off, off+n) is not available. */
  check(off: number, n: number): void {
    // tvb_ensure_bytes_exist: a negative length is past even the reported end.
    if (n < 0) throw new DissectorBoundsError(BoundsKind.Reported);
    if (off < 0 || off + n > this.length) this.fail(off + n, off);
  }

  /**
   * The bounds error for a read or check of up to `end`. Reads judge by the end (fast_ensure_contiguous); a
   * check passes its offset, and one starting past the data fails by it (tvb_ensure_bytes_exist).
   */
  private fail(end: number, off = end): never {
    throw new DissectorBoundsError(this.boundsKind(off > this.length ? off : end));
  }

  /** What running to `end` past the captured bytes is (check_offset_length_no_exception). */
  boundsKind(end: number): BoundsKind {
    // Within what the parents hold the capture was cut short, fragment or not: only past it does a fragment run out.
    if (end >= 0 && end <= this.contained) return BoundsKind.Captured;
    if (this.fragment) return BoundsKind.Fragment;
    return end < 0 || end > this.reported ? BoundsKind.Reported : BoundsKind.Contained;
  }

  /** tvb_set_reported_length: as setActualLength, but a length past the reported end is an error (ReportedBoundsError). */
  setReportedLength(n: number): void {
    if (n > this.reported) this.fail(n);
    this.setActualLength(n);
  }

  /**
   * Shrink to the length the protocol header declares (set_actual_length),
   * so the caller can see what is left over as trailer or padding.
   */
  setActualLength(n: number): void {
    if (n < this.reported) this.reported = n;
    if (n < this.length) this.length = n;
    if (n < this.contained) this.contained = n;
  }

  /**
   * An item's length "to the end" (-1): tvb_captured_length(tvb) ?
   * tvb_ensure_captured_length_remaining(tvb, off) : 0. At least one byte
   * must be there, unless the data is empty.
   */
  lengthToEnd(off: number): number {
    if (this.length > 0 && off >= this.length) this.check(off, 1);
    return Math.max(0, this.length - off);
  }

  has(off: number, n: number): boolean {
    return off >= 0 && n >= 0 && off + n <= this.length;
  }

  remaining(off: number): number {
    return off <= this.length ? this.length - off : 0;
  }

  reportedRemaining(off: number): number {
    // tvb_reported_length_remaining answers 0 for an offset past the captured data (compute_offset fails there).
    return off <= this.length && off <= this.reported ? this.reported - off : 0;
  }

  u8(off: number): number {
    if (off < 0 || off >= this.length) this.fail(off + 1);
    return this.bytes[this.start + off]!;
  }

  u16(off: number): number {
    if (off < 0 || off + 2 > this.length) this.fail(off + 2);
    const p = this.start + off;
    return (this.bytes[p]! << 8) | this.bytes[p + 1]!;
  }

  u16le(off: number): number {
    if (off < 0 || off + 2 > this.length) this.fail(off + 2);
    const p = this.start + off;
    return this.bytes[p]! | (this.bytes[p + 1]! << 8);
  }

  u24(off: number): number {
    if (off < 0 || off + 3 > this.length) this.fail(off + 3);
    const p = this.start + off;
    return (this.bytes[p]! << 16) | (this.bytes[p + 1]! << 8) | this.bytes[p + 2]!;
  }

  u32(off: number): number {
    if (off < 0 || off + 4 > this.length) this.fail(off + 4);
    const p = this.start + off;
    const b = this.bytes;
    return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
  }

  u32le(off: number): number {
    if (off < 0 || off + 4 > this.length) this.fail(off + 4);
    const p = this.start + off;
    const b = this.bytes;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  /** 64-bit big-endian value; a number while exact, else a bigint. */
  u64(off: number): number | bigint {
    const hi = this.u32(off);
    const lo = this.u32(off + 4);
    if (hi < 0x200000) return hi * 4294967296 + lo;
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  i8(off: number): number {
    return (this.u8(off) << 24) >> 24;
  }

  i16(off: number): number {
    return (this.u16(off) << 16) >> 16;
  }

  i32(off: number): number {
    return this.u32(off) | 0;
  }

  /** A view (no copy) of [off, off+len). */
  view(off: number, len: number): Uint8Array {
    this.check(off, len);
    const p = this.start + off;
    return this.bytes.subarray(p, p + len);
  }

  /** The address in [off, off+len), pointing into the data source (no view object until someone asks for its bytes). */
  address(type: AddressType, off: number, len: number): Address {
    this.check(off, len);
    return Address.at(type, this.bytes, this.start + off, len);
  }

  /** A copy of [off, off+len), for data that must outlive the frame. */
  copy(off: number, len: number): Uint8Array {
    return this.view(off, len).slice();
  }

  /** One byte per char, as Wireshark's ENC_ASCII does before escaping. */
  latin1(off: number, len: number): string {
    // TextDecoder('latin1') is windows-1252 (0x80 -> €); Buffer's latin1 maps every byte to U+00xx.
    const v = this.view(off, len);
    return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1');
  }

  utf8(off: number, len: number): string {
    return decodeUtf8(this.view(off, len));
  }

  /**
   * tvb_strsize: the length of the NUL-terminated string at `off`, its NUL
   * included. A string without one in the captured data fails as a read one
   * byte past it would.
   */
  strsize(off: number): number {
    this.check(off, 0);
    const nul = this.find(0, off);
    if (nul < 0) this.fail(this.length + 1);
    return nul - off + 1;
  }

  /** Index of the first `byte` at or after `off` (up to `limit` bytes), or -1. */
  find(byte: number, off: number, limit = this.length - off): number {
    const end = Math.min(this.length, off + limit);
    const b = this.bytes;
    for (let i = off; i < end; i++) if (b[this.start + i] === byte) return i;
    return -1;
  }

  /**
   * A window starting at `off`; `len` -1 means "to the end". The captured
   * length is clipped to what exists, the reported one is what was asked
   * for (Wireshark's tvb_new_subset_length semantics).
   */
  sub(off: number, len = -1, reportedLen = len): Tvb {
    if (off < 0 || off > this.length) this.fail(off);
    const cap = len < 0 ? this.length - off : Math.min(len, this.length - off);
    const rep = reportedLen < 0 ? Math.max(0, this.reported - off) : reportedLen;
    const t = new Tvb(this.ds, this.start + off, cap, rep, this.fragment);
    t.contained = Math.min(rep, Math.max(0, this.contained - off));
    return t;
  }
}
