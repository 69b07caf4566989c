/** One line of the bytes pane, split where the selected field's highlight starts and ends. */
export interface HexRow {
  offset: string;
  /** Hex column as [before, highlighted, after]. */
  hex: [string, string, string];
  /** ASCII column as [before, highlighted, after]. */
  ascii: [string, string, string];
}

export const BYTES_PER_ROW = 16;

function hexCell(b: number): string {
  return (b < 16 ? '0' : '') + b.toString(16);
}

/** Printable ASCII as itself, everything else as '.', as Wireshark's bytes pane shows it. */
function asciiCell(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
}

/**
 * Rows `first`..`first+count-1` of the hex dump of `bytes`, with the bytes
 * in [hlStart, hlEnd) marked. The hex column is "xx xx ... xx  xx ... xx"
 * (two groups of eight, like Wireshark) and every row has the same width.
 */
export function hexRows(bytes: Uint8Array, first: number, count: number, hlStart: number, hlEnd: number): HexRow[] {
  const rows: HexRow[] = [];
  const total = Math.ceil(bytes.length / BYTES_PER_ROW);
  const offsetDigits = bytes.length > 0xffff ? 8 : 4;
  for (let r = first; r < Math.min(total, first + count); r++) {
    const base = r * BYTES_PER_ROW;
    const hex: [string, string, string] = ['', '', ''];
    const ascii: [string, string, string] = ['', '', ''];
    for (let j = 0; j < BYTES_PER_ROW; j++) {
      const at = base + j;
      const part = at < hlStart ? 0 : at < hlEnd ? 1 : 2;
      const sep = j === 0 ? '' : j === 8 ? '  ' : ' ';
      // A separator belongs to the highlight only when both neighbours do.
      const sepPart = part === 1 && at - 1 >= hlStart ? 1 : part === 1 ? 0 : part;
      if (at < bytes.length) {
        hex[sepPart] += sep;
        hex[part] += hexCell(bytes[at]!);
        if (j === 8) ascii[sepPart] += ' ';
        ascii[part] += asciiCell(bytes[at]!);
      } else {
        hex[2] += sep + '  ';
      }
    }
    rows.push({ offset: base.toString(16).padStart(offsetDigits, '0'), hex, ascii });
  }
  return rows;
}

/** Number of rows the dump of `length` bytes takes. */
export function hexRowCount(length: number): number {
  return Math.ceil(length / BYTES_PER_ROW);
}
