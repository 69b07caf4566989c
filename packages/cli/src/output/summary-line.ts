import { formatSecondsPrecision, infoMayKeepRawBytes, timeDeltaNsec, timeDeltaSec, type DissectedFrame, type RawPacket } from '@netdissect/core';
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
  const time = timeColumn(raw, ref).padStart(10, ' ');
  const src = p.src.toString().padStart(12, ' ');
  const dst = p.dst.toString().padEnd(12, ' ');
  return `${no} ${time} ${src} \u2192 ${dst} ${p.cols.protocol} ${raw.len} ${p.cols.info}`;
}

/** The Time column before padding: seconds since the first frame, to the capture's precision ('' without a timestamp). */
export function timeColumn(raw: RawPacket, ref: TimeReference): string {
  if (raw.hasTimestamp === false) return '';
  const s = timeDeltaSec(raw.tsSec, raw.tsNsec, ref.sec, ref.nsec);
  const ns = timeDeltaNsec(raw.tsSec, raw.tsNsec, ref.sec, ref.nsec);
  return formatSecondsPrecision(s, ns, raw.tsPrecision >= 0 && raw.tsPrecision <= 9 ? raw.tsPrecision : 9);
}

const SPACE = 0x20;
/** " → " in UTF-8. */
const ARROW = Uint8Array.of(SPACE, 0xe2, 0x86, 0x92, SPACE);

/** The default output: one summary line per frame. */
export class SummaryPrinter implements FramePrinter {
  readonly needs: TreeNeeds = { kind: 'none' };
  constructor(private readonly out: OutputStream) {}
  begin(): void {}
  frame(f: DissectedFrame, raw: RawPacket, ref: TimeReference): void {
    const out = this.out;
    // A terminal needs the line escaped as text.
    if (out.isTty) {
      out.line(summaryLine(f, raw, ref));
      return;
    }
    // summaryLine's layout written as bytes: a million lines are a good part of a run otherwise.
    const p = f.pinfo;
    const time = timeColumn(raw, ref);
    const src = p.src.toString();
    const dst = p.dst.toString();
    const protocol = p.cols.protocol;
    const info = p.cols.info;
    // The texts at 3 bytes a UTF-16 unit, plus the numbers (16 digits at most), padding and separators (under 128).
    if (!out.room(3 * (time.length + src.length + dst.length + protocol.length + info.length) + 128)) return;
    out.putUint(raw.no, 5);
    out.putByte(SPACE);
    out.putSpaces(10 - time.length);
    out.putText(time);
    out.putByte(SPACE);
    out.putSpaces(12 - src.length);
    out.putText(src);
    out.putBytes(ARROW);
    out.putText(dst);
    out.putSpaces(12 - dst.length);
    out.putByte(SPACE);
    out.putText(protocol);
    out.putByte(SPACE);
    out.putUint(raw.len, 0);
    out.putByte(SPACE);
    // A cut character at the end of a long Info is written as the bytes tshark writes.
    if (infoMayKeepRawBytes(info)) out.putValue(info);
    else out.putText(info);
    out.putByte(0x0a);
  }
  end(): void {}
}
