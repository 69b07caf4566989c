const MAX_INFO = 4095; // COL_MAX_INFO_LEN - 1: Wireshark truncates Info here
const MAX_COL = 2047;

/**
 * The Protocol and Info columns with Wireshark's write rules: a "fence"
 * protects text written by lower layers from later set/clear calls, and a
 * non-writable column ignores everything (used while dissecting the packet
 * quoted inside an ICMP error).
 */
export class Columns {
  protocol = '';
  info = '';
  private fence = 0;
  writable = true;
  /** col_set_writable(COL_PROTOCOL, FALSE): TCP keeps a later PDU from relabelling the frame. */
  protocolWritable = true;

  setProtocol(s: string): void {
    if (!this.writable || !this.protocolWritable) return;
    this.protocol = s.length > MAX_COL ? s.slice(0, MAX_COL) : s;
  }

  /** col_clear(COL_INFO): drop everything after the fence. */
  clearInfo(): void {
    if (!this.writable) return;
    this.info = this.info.slice(0, this.fence);
  }

  /** col_add_str / col_set_str: replace what is after the fence. */
  setInfo(s: string): void {
    if (!this.writable) return;
    this.info = clip(this.info.slice(0, this.fence) + s);
  }

  appendInfo(s: string): void {
    if (!this.writable) return;
    this.info = clip(this.info + s);
  }

  /** col_append_sep_str: separator only when the column already has text. */
  appendSepInfo(sep: string, s: string): void {
    if (!this.writable) return;
    this.info = clip(this.info.length ? this.info + sep + s : s);
  }

  prependInfo(s: string): void {
    if (!this.writable) return;
    if (this.fence > 0) this.fence += s.length;
    this.info = clip(s + this.info);
  }

  /** col_prepend_fence_fstr: prepend and fence what was prepended. */
  prependFenceInfo(s: string): void {
    if (!this.writable) return;
    this.fence = this.fence > 0 ? this.fence + s.length : s.length;
    this.info = clip(s + this.info);
  }

  setFence(): void {
    if (!this.writable) return;
    this.fence = this.info.length;
  }

  clearFence(): void {
    if (!this.writable) return;
    this.fence = 0;
  }
}

function clip(s: string): string {
  return s.length > MAX_INFO ? s.slice(0, MAX_INFO) : s;
}
