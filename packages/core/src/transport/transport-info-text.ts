import type { Columns, DeferredInfo } from '../dissection/columns.js';

/**
 * The Info text TCP and UDP write, "443 → 51234 [ACK] Seq=1 Ack=1 Win=501
 * Len=0 TSval=… TSecr=…", kept as numbers until the column is read. On most
 * segments with payload the protocol above replaces it unread, and a filter
 * run reads the column of the frames it shows only.
 *
 * Each part goes straight into the column once the text has left it (a
 * write in between formatted or dropped it), so the order stays Wireshark's.
 */
export class TransportInfoText implements DeferredInfo {
  owner: Columns | null = null;
  /** "[ACK]"-style flags; '' while TCP's header part is not set. */
  private flags = '';
  private seq = 0;
  /** -1: no Ack= (the ACK flag is not set). */
  private ack = -1;
  private win = 0;
  /** What TCP appends after Win= about its checksum (" [TCP CHECKSUM INCORRECT]"); '' when nothing. */
  private checksumNote = '';
  private urg = -1;
  private len = -1;
  /** Option parts other than the first timestamps, as text: only SYNs and SACKs have them. */
  private options = '';
  /** Where in `options` the timestamps go; -1: none. */
  private tsAt = -1;
  private tsval = 0;
  private tsecr = 0;

  private constructor(
    private readonly cols: Columns,
    private readonly sport: number,
    private readonly dport: number,
  ) {}

  /** Appends "sport → dport" to a writable Info column; null when it is not writable (nothing would show). */
  static begin(cols: Columns, sport: number, dport: number): TransportInfoText | null {
    if (!cols.writable) return null;
    const t = new TransportInfoText(cols, sport, dport);
    cols.appendDeferredInfo(t);
    return t;
  }

  /** TCP's " [flags] Seq=… Ack=… Win=…" (ack -1 leaves out Ack=). */
  header(flags: string, seq: number, ack: number, win: number): void {
    if (this.owner) {
      this.flags = flags;
      this.seq = seq;
      this.ack = ack;
      this.win = win;
    } else this.cols.appendInfo(headerText(flags, seq, ack, win));
  }

  /** " [TCP CHECKSUM INCORRECT]" or " [TCP CHECKSUM 0xFFFF]", between Win= and Urg= as packet-tcp.c writes them. */
  checksum(note: string): void {
    if (this.owner) this.checksumNote += note;
    else this.cols.appendInfo(note);
  }

  urgent(urp: number): void {
    if (this.owner) this.urg = urp;
    else this.cols.appendInfo(` Urg=${urp}`);
  }

  length(len: number): void {
    if (this.owner) this.len = len;
    else this.cols.appendInfo(` Len=${len}`);
  }

  /** An option's text (" MSS=1460", " SACK_PERM"). */
  option(s: string): void {
    if (this.owner) this.options += s;
    else this.cols.appendInfo(s);
  }

  /** " TSval=… TSecr=…", kept as numbers: nearly every segment of a modern stack has them. */
  timestamps(tsval: number, tsecr: number): void {
    if (this.owner && this.tsAt < 0) {
      this.tsAt = this.options.length;
      this.tsval = tsval;
      this.tsecr = tsecr;
    } else this.option(timestampsText(tsval, tsecr));
  }

  text(): string {
    let s = `${this.sport} \u2192 ${this.dport}`;
    if (this.flags) s += headerText(this.flags, this.seq, this.ack, this.win);
    s += this.checksumNote;
    if (this.urg >= 0) s += ` Urg=${this.urg}`;
    if (this.len >= 0) s += ` Len=${this.len}`;
    if (this.tsAt < 0) return s + this.options;
    return s + this.options.slice(0, this.tsAt) + timestampsText(this.tsval, this.tsecr) + this.options.slice(this.tsAt);
  }
}

function headerText(flags: string, seq: number, ack: number, win: number): string {
  return ack >= 0 ? ` [${flags}] Seq=${seq} Ack=${ack} Win=${win}` : ` [${flags}] Seq=${seq} Win=${win}`;
}

function timestampsText(tsval: number, tsecr: number): string {
  return ` TSval=${tsval} TSecr=${tsecr}`;
}
