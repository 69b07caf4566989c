import type { PacketInfo } from '@netdissect/core';
import { unstuffDotLines } from './dot-stuffing.js';
import { popExpert } from './fields.js';

/** The tap retrieved messages are reported on (first pass only). */
export const POP3_MESSAGE_TAP = 'pop3.message';

/** A message the client fetched with RETR or TOP, as RFC 5322 text. */
export interface RetrievedMessage {
  /** Frame of the "+OK" that started the message. */
  readonly firstFrame: number;
  /** Frame carrying the terminating "." line. */
  readonly frame: number;
  readonly stream: number;
  /** "RETR" or "TOP". */
  readonly command: string;
  /** The command's argument ("1", "6 0"). */
  readonly argument: string;
  /** The message with dot-stuffing undone and without the terminating "." line. */
  readonly message: Uint8Array;
}

/** A RETR or TOP waiting for its answer. */
export interface PendingRetrieval {
  readonly command: string;
  readonly argument: string;
}

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;

/** Where the scan stands relative to a possible terminating ".CRLF" line. */
const Scan = { MID_LINE: 0, LINE_START: 1, DOT: 2, DOT_CR: 3 } as const;
type Scan = (typeof Scan)[keyof typeof Scan];

/**
 * Collects the multi-line answer to a RETR or TOP across segments, however
 * they are cut, until the line holding only "." (RFC 1939 section 3).
 */
export class MessageCollector {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;
  private scan: Scan = Scan.LINE_START;
  /** Offset of the "." that may start the terminating line. */
  private dotAt = 0;

  constructor(
    readonly request: PendingRetrieval,
    readonly firstFrame: number,
    readonly stream: number,
  ) {}

  /**
   * Add server bytes; returns the message once its terminator is seen,
   * null while it continues, or 'over-limit' when it grew past `maxBytes`.
   */
  feed(bytes: Uint8Array, frame: number, maxBytes: number): RetrievedMessage | 'over-limit' | null {
    let scan = this.scan;
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i]!;
      switch (scan) {
        case Scan.LINE_START:
          if (c === DOT) {
            this.dotAt = this.length + i;
            scan = Scan.DOT;
          } else scan = c === LF ? Scan.LINE_START : Scan.MID_LINE;
          break;
        case Scan.DOT:
          if (c === LF) return this.finish(bytes, frame);
          scan = c === CR ? Scan.DOT_CR : Scan.MID_LINE;
          break;
        case Scan.DOT_CR:
          if (c === LF) return this.finish(bytes, frame);
          scan = Scan.MID_LINE;
          break;
        default: {
          // Skip to the end of the line in one step.
          const lf = bytes.indexOf(LF, i);
          if (lf < 0) i = bytes.length;
          else {
            i = lf;
            scan = Scan.LINE_START;
          }
        }
      }
    }
    this.scan = scan;
    if (this.length + bytes.length > maxBytes) return 'over-limit';
    this.chunks.push(bytes.slice());
    this.length += bytes.length;
    return null;
  }

  private finish(last: Uint8Array, frame: number): RetrievedMessage {
    const body = new Uint8Array(this.dotAt);
    let w = 0;
    for (const c of this.chunks) {
      const n = Math.min(c.length, this.dotAt - w);
      body.set(c.subarray(0, n), w);
      w += n;
    }
    if (w < this.dotAt) body.set(last.subarray(0, this.dotAt - w), w);
    return {
      firstFrame: this.firstFrame,
      frame,
      stream: this.stream,
      command: this.request.command,
      argument: this.request.argument,
      message: unstuffDotLines(body),
    };
  }
}

/**
 * First pass, server side: feed the collector of the connection, starting
 * one when this "+OK" answers a RETR or TOP. `body` is what follows the
 * status line (or the whole segment for continuation data).
 */
export function collectRetrievedMessage(pinfo: PacketInfo, holder: { collector: MessageCollector | null }, body: Uint8Array): void {
  const collector = holder.collector;
  if (!collector) return;
  const limit = pinfo.session.limits.tcpReassemblyBytesPerFlow;
  const result = collector.feed(body, pinfo.num, limit);
  if (result === null) return;
  holder.collector = null;
  if (result === 'over-limit') pinfo.expert(null, popExpert.reassemblyLimit);
  else pinfo.tap(POP3_MESSAGE_TAP, result);
}
