import type { FrameRow } from './frame-index.js';
import { fit, fitRight, safeText } from './terminal-text.js';

/** Widths of the packet list's columns for a list `width` columns wide. */
export interface ColumnWidths {
  no: number;
  time: number;
  source: number;
  destination: number;
  protocol: number;
  length: number;
  info: number;
}

/** One column of marker (the selected row's '>'), then the columns separated by a space. */
export function columnWidths(width: number): ColumnWidths {
  const no = 7;
  const time = 11;
  const protocol = 8;
  const length = 6;
  const fixed = 1 + no + time + protocol + length + 6;
  const address = Math.max(8, Math.min(24, Math.floor((width - fixed) * 0.22)));
  const info = Math.max(4, width - fixed - 2 * address);
  return { no, time, source: address, destination: address, protocol, length, info };
}

export function headerLine(w: ColumnWidths): string {
  return ` ${fitRight('No.', w.no)} ${fit('Time', w.time)} ${fit('Source', w.source)} ${fit('Destination', w.destination)} ${fit('Protocol', w.protocol)} ${fitRight('Length', w.length)} ${fit('Info', w.info)}`;
}

/** A frame's row as one fixed-width line; every packet-derived text passes the escaper. */
export function rowLine(r: FrameRow, w: ColumnWidths, selected: boolean): string {
  return (
    `${selected ? '>' : ' '}${fitRight(String(r.no), w.no)} ${fitRight(r.time, w.time)} ${fit(safeText(r.source), w.source)} ` +
    `${fit(safeText(r.destination), w.destination)} ${fit(safeText(r.protocol), w.protocol)} ${fitRight(String(r.length), w.length)} ${fit(safeText(r.info), w.info)}`
  );
}
