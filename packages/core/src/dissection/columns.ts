import { rawByteString, rawStringBytes } from '../fields/raw-byte-strings.js';

const MAX_INFO = 4095; // COL_MAX_INFO_LEN - 1: Wireshark truncates Info here, in bytes
/** Below this many UTF-16 units a string cannot hold more than MAX_INFO bytes of UTF-8. */
const MAX_INFO_SAFE_UNITS = Math.floor(MAX_INFO / 3);
const MAX_COL = 2047;

/**
 * Info text a dissector appends as numbers, formatted only when the column
 * is read or written after it: a protocol above usually replaces it unread.
 */
export interface DeferredInfo {
  /** The Columns whose Info ends with this text; null once it is formatted or dropped. */
  owner: Columns | null;
  text(): string;
}

/**
 * The Protocol and Info columns with Wireshark's write rules: a "fence"
 * protects text written by lower layers from later set/clear calls, and a
 * non-writable column ignores everything (used while dissecting the packet
 * quoted inside an ICMP error).
 *
 * Info may end with one deferred part. The fence never points into it, so
 * clear and set drop it unformatted, and a prepend goes before it.
 */
export class Columns {
  protocol = '';
  private head = '';
  private tail: DeferredInfo | null = null;
  private fence = 0;
  writable = true;
  /** col_set_writable(COL_PROTOCOL, FALSE): TCP keeps a later PDU from relabelling the frame. */
  protocolWritable = true;

  get info(): string {
    this.settle();
    return this.head;
  }

  setProtocol(s: string): void {
    if (!this.writable || !this.protocolWritable) return;
    this.protocol = s.length > MAX_COL ? s.slice(0, MAX_COL) : s;
  }

  /** col_clear(COL_INFO): drop everything after the fence. */
  clearInfo(): void {
    if (!this.writable) return;
    this.drop();
    this.head = this.head.slice(0, this.fence);
  }

  /** col_add_str / col_set_str: replace what is after the fence. */
  setInfo(s: string): void {
    if (!this.writable) return;
    this.drop();
    this.head = clip(this.head.slice(0, this.fence) + s);
  }

  appendInfo(s: string): void {
    if (!this.writable) return;
    this.settle();
    this.head = clip(this.head + s);
  }

  /** Appends text formatted later (see DeferredInfo); takes it from a Columns still holding it. */
  appendDeferredInfo(d: DeferredInfo): void {
    if (!this.writable) return;
    this.settle();
    d.owner?.settle();
    d.owner = this;
    this.tail = d;
  }

  /** col_append_sep_str: separator only when the column already has text. */
  appendSepInfo(sep: string, s: string): void {
    if (!this.writable) return;
    this.settle();
    this.head = clip(this.head.length ? this.head + sep + s : s);
  }

  prependInfo(s: string): void {
    if (!this.writable) return;
    if (this.fence > 0) this.fence += s.length;
    this.head = clip(s + this.head);
  }

  /** col_prepend_fence_fstr: prepend and fence what was prepended. */
  prependFenceInfo(s: string): void {
    if (!this.writable) return;
    this.fence = this.fence > 0 ? this.fence + s.length : s.length;
    this.head = clip(s + this.head);
  }

  setFence(): void {
    if (!this.writable) return;
    this.settle();
    this.fence = this.head.length;
  }

  clearFence(): void {
    if (!this.writable) return;
    this.fence = 0;
  }

  /** Formats the deferred part, if any, into the text (clipping as if it had been appended at once). */
  settle(): void {
    const d = this.tail;
    if (!d) return;
    this.tail = null;
    d.owner = null;
    this.head = clip(this.head + d.text());
  }

  private drop(): void {
    if (!this.tail) return;
    this.tail.owner = null;
    this.tail = null;
  }
}

/** Whether Info text may end with raw bytes (only text long enough to have been cut does). */
export function infoMayKeepRawBytes(info: string): boolean {
  return info.length > MAX_INFO_SAFE_UNITS;
}

/**
 * Info cut at MAX_INFO bytes of UTF-8, as g_strlcat cuts the column buffer:
 * a character the cut splits leaves its first bytes, kept as raw bytes
 * (tshark prints them as they are).
 */
function clip(s: string): string {
  // Buffer.byteLength counts a raw byte's escape as three bytes: never less than the bytes meant.
  if (s.length <= MAX_INFO_SAFE_UNITS || Buffer.byteLength(s) <= MAX_INFO) return s;
  const bytes = rawStringBytes(s);
  return bytes.length > MAX_INFO ? rawByteString(bytes.subarray(0, MAX_INFO)) : s;
}
