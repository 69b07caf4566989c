import { formatSecondsPrecision, timeDeltaNsec, timeDeltaSec, type DissectedFrame, type RawPacket } from '@netdissect/core';
import type { FramePrinter, TreeNeeds } from './frame-printer.js';
import type { OutputStream } from './output-stream.js';

/** The Time column's reference: the first frame's timestamp. */
export interface TimeReference {
  sec: number;
  nsec: number;
}

/**
 * tshark's one-line summary (print_columns): No. padded to 5, Time to 10
 * (right-aligned), Source to 12 (right), " → ", Destination to 12 (left),
 * then Protocol, Length and Info separated by single spaces.
 */
export function summaryLine(frame: DissectedFrame, raw: RawPacket, ref: TimeReference): string {
  const p = frame.pinfo;
  const no = String(raw.no).padStart(5, ' ');
  let time = '';
  if (raw.hasTimestamp !== false) {
    const s = timeDeltaSec(raw.tsSec, raw.tsNsec, ref.sec, ref.nsec);
    const ns = timeDeltaNsec(raw.tsSec, raw.tsNsec, ref.sec, ref.nsec);
    time = formatSecondsPrecision(s, ns, raw.tsPrecision >= 0 && raw.tsPrecision <= 9 ? raw.tsPrecision : 9);
  }
  time = time.padStart(10, ' ');
  const src = p.src.toString().padStart(12, ' ');
  const dst = p.dst.toString().padEnd(12, ' ');
  return `${no} ${time} ${src} \u2192 ${dst} ${p.cols.protocol} ${raw.len} ${p.cols.info}`;
}

/** The default output: one summary line per frame. */
export class SummaryPrinter implements FramePrinter {
  readonly needs: TreeNeeds = { kind: 'none' };
  constructor(private readonly out: OutputStream) {}
  begin(): void {}
  frame(f: DissectedFrame, raw: RawPacket, ref: TimeReference): void {
    this.out.line(summaryLine(f, raw, ref));
  }
  end(): void {}
}
