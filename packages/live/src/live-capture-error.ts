/**
 * Why a live capture could not start, as one line a user can act on
 * (no stack trace, no libpcap jargon beyond its own reason).
 */
export type LiveCaptureErrorKind =
  /** The cap module is missing, unbuilt, or cannot load libpcap. */
  | 'cap-unavailable'
  /** No interface of that name (or -D number). */
  | 'no-such-interface'
  /** Capturing needs root or CAP_NET_RAW. */
  | 'permission-denied'
  /** libpcap rejected the capture (BPF) filter. */
  | 'bad-filter'
  /** Any other failure reported by libpcap while opening or listing. */
  | 'capture-failed';

export class LiveCaptureError extends Error {
  constructor(
    readonly kind: LiveCaptureErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'LiveCaptureError';
  }
}
