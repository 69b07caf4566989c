/**
 * Packet timestamps for live capture. cap's packet event carries no libpcap
 * timestamp, so a packet is stamped when it is handed to JavaScript: the
 * wall clock read once when the capture opens, plus the monotonic
 * nanosecond clock since then. Intervals between packets are therefore as
 * exact as their delivery (packets that waited in the kernel buffer while
 * JavaScript was busy get the time they were delivered, not when they hit
 * the wire), the absolute time is the system clock's at open, to the
 * millisecond, and timestamps never go backwards if the system clock is
 * adjusted during the capture.
 */
export class CaptureClock {
  private readonly startNs: bigint;
  private readonly startHr: bigint;
  /** Results of the last stamp(), to avoid an object per packet. */
  sec = 0;
  nsec = 0;

  constructor() {
    this.startHr = process.hrtime.bigint();
    this.startNs = BigInt(Date.now()) * 1_000_000n;
  }

  /** Read the clock into `sec` and `nsec`. */
  stamp(): void {
    const ns = this.startNs + (process.hrtime.bigint() - this.startHr);
    this.sec = Number(ns / 1_000_000_000n);
    this.nsec = Number(ns % 1_000_000_000n);
  }
}
