import type { DissectedFrame, RawPacket } from '@netdissect/core';
import { timeColumn, type TimeReference } from './summary-line.js';

/**
 * The `_ws.col.<title>` fields of -T fields and -T json -e: tshark's default
 * columns by their titles, with the texts the summary line shows (unpadded).
 */
export const COLUMN_TITLES = ['No.', 'Time', 'Source', 'Destination', 'Protocol', 'Length', 'Info'] as const;
export type ColumnTitle = (typeof COLUMN_TITLES)[number];

/** The column a `_ws.col.*` field names, or null for another field or a title that is no column. */
export function columnTitleOf(field: string): ColumnTitle | null {
  if (!field.startsWith('_ws.col.')) return null;
  const title = field.slice(8);
  return (COLUMN_TITLES as readonly string[]).includes(title) ? (title as ColumnTitle) : null;
}

/** One frame's text in a column. */
export function columnText(title: ColumnTitle, f: DissectedFrame, raw: RawPacket, ref: TimeReference): string {
  switch (title) {
    case 'No.': return String(raw.no);
    case 'Time': return timeColumn(raw, ref);
    case 'Source': return f.pinfo.src.toString();
    case 'Destination': return f.pinfo.dst.toString();
    case 'Protocol': return f.pinfo.cols.protocol;
    case 'Length': return String(raw.len);
    case 'Info': return f.pinfo.cols.info;
  }
}
