import { fieldDisplayValue, fieldRegistry, FT, infoMayKeepRawBytes, type DissectedFrame, type FieldDef, type FieldNode, type RawPacket } from '@netdissect/core';
import type { CliOptions } from '../cli-options.js';
import { UsageError } from '../usage-error.js';
import { columnText, columnTitleOf, type ColumnTitle } from './column-fields.js';
import type { FramePrinter, TreeNeeds } from './frame-printer.js';
import type { OutputStream } from './output-stream.js';
import type { TimeReference } from './summary-line.js';

const STRING_TYPES: ReadonlySet<number> = new Set([FT.STRING, FT.STRINGZ, FT.UINT_STRING, FT.STRINGZPAD]);

/** tshark's print_escaped_csv: only these five are escaped in -T fields values. */
function escapeFieldValue(s: string): string {
  // A scan of the char codes (\b \t \n \f \r are 8, 9, 10, 12, 13): most values have none, and a regex test per value cost more.
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 13 && c >= 8 && c !== 11) break;
  }
  if (i === s.length) return s;
  return s.replace(/[\b\f\n\r\t]/g, (c) => (c === '\b' ? '\\b' : c === '\f' ? '\\f' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

/**
 * -T fields: one line per frame, one column per -e field, occurrences
 * joined by the aggregator, as write_specified_fields does.
 */
export class FieldsWriter implements FramePrinter {
  private readonly index = new Map<string, number>();
  readonly needs: TreeNeeds;
  /** Only _ws.col.* fields read the columns. */
  readonly columns: boolean;
  /** Per -e field: whether its value is a string, which may keep bytes that are not UTF-8. */
  private readonly stringColumns: boolean[];
  /** The column of each -e field that names one (null for the others and for unknown titles, which stay empty as in tshark). */
  private readonly columnTitles: Array<ColumnTitle | null>;

  constructor(
    private readonly opts: CliOptions['fieldOptions'],
    private readonly fields: readonly string[],
    private readonly out: OutputStream,
  ) {
    const defs: FieldDef[] = [];
    const invalid: string[] = [];
    let labels = false;
    this.stringColumns = fields.map(() => false);
    fields.forEach((f, i) => {
      // A repeated -e field fills only its last column, as tshark's field index does.
      this.index.set(f, i);
      if (f.startsWith('_ws.col.')) return;
      const found = fieldRegistry.lookup(f);
      if (!found) {
        invalid.push(f);
        return;
      }
      this.stringColumns[i] = found.some((d) => STRING_TYPES.has(d.type));
      for (const d of found) {
        defs.push(d);
        // A protocol's value in -T fields is its summary label.
        if (d.type === FT.PROTOCOL) labels = true;
      }
    });
    if (invalid.length) throw new UsageError(`Some fields aren't valid: ${invalid.join(', ')}`);
    this.needs = { kind: 'fields', defs, labels };
    this.columns = fields.some((f) => f.startsWith('_ws.col.'));
    this.columnTitles = fields.map(columnTitleOf);
    this.lineValues = fields.map(() => []);
    this.lineCounts = new Int32Array(fields.length);
    this.lineCells = fields.map(() => '');
  }

  begin(): void {
    if (this.opts.header) this.out.line(this.header());
  }

  /** The texts of the columns the -e fields name, for one frame (undefined when none is named). */
  frameColumns(f: DissectedFrame, raw: RawPacket, ref: TimeReference): Record<string, string> | undefined {
    if (!this.columns) return undefined;
    const out: Record<string, string> = {};
    for (const title of this.columnTitles) if (title !== null) out[title] = columnText(title, f, raw, ref);
    return out;
  }

  frame(f: DissectedFrame, raw: RawPacket, ref: TimeReference): void {
    const columns = this.frameColumns(f, raw, ref);
    const out = this.out;
    // A terminal needs the line escaped as text.
    if (out.isTty) {
      out.line(this.line(f.tree!, columns));
      return;
    }
    // The cells written as bytes: joining them, then the line into a chunk, then encoding it copied each value three times.
    const cells = this.cells(f.tree!, columns);
    const separator = this.opts.separator;
    let chars = cells.length * separator.length;
    for (let i = 0; i < cells.length; i++) chars += cells[i]!.length;
    // At most 3 bytes a UTF-16 unit, and the newline.
    if (!out.room(3 * chars + 1)) return;
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) out.putText(separator);
      const cell = cells[i]!;
      // A column cell keeps raw bytes only as an Info cut in the middle of a character: looked for in long ones only.
      if (this.stringColumns[i] || (this.columnTitles[i] !== null && infoMayKeepRawBytes(cell))) out.putValue(cell);
      else out.putText(cell);
    }
    out.putByte(0x0a);
  }

  end(): void {}

  /** The -e fields, in command-line order. */
  get names(): readonly string[] {
    return this.fields;
  }

  /** The -E header=y line: field names, never quoted (tshark quotes only values). */
  header(): string {
    return this.fields.join(this.opts.separator);
  }

  /** Column of each field id (-1: not an -e field), worked out once instead of a name lookup per tree node. */
  private columnOf: Int32Array | null = null;

  private columnIndex(): Int32Array {
    if (this.columnOf !== null && this.columnOf.length >= fieldRegistry.size) return this.columnOf;
    const col = new Int32Array(fieldRegistry.size).fill(-1);
    for (const def of fieldRegistry.all()) {
      const i = this.index.get(def.abbrev);
      if (i !== undefined) col[def.id] = i;
    }
    return (this.columnOf = col);
  }

  /** Every occurrence of each -e field in one frame's (pruned) tree, as -T fields prints them; _ws.col.* from `columns`. */
  values(root: FieldNode, columns?: Record<string, string>): string[][] {
    const values: string[][] = this.fields.map(() => []);
    // Fresh lists are filled from index 0, so each list's length is its count.
    this.fillValues(values, new Int32Array(values.length), root, columns);
    return values;
  }

  /** One frame's values: the first counts[i] entries of values[i] (counts zeroed by the caller). */
  private fillValues(values: string[][], counts: Int32Array, root: FieldNode, columns?: Record<string, string>): void {
    collectValues(root, this.columnIndex(), values, counts);
    if (columns) {
      this.fields.forEach((f, i) => {
        if (f.startsWith('_ws.col.') && columns[f.slice(8)] !== undefined) values[i]![counts[i]!++] = columns[f.slice(8)]!;
      });
    }
  }

  /**
   * Per-field value lists and cells reused from frame to frame by `line`.
   * The lists are never shortened (that reallocated their storage every
   * frame): `lineCounts` says how much of each is this frame's.
   */
  private readonly lineValues: string[][];
  private readonly lineCounts: Int32Array;
  private readonly lineCells: string[];

  /** The line for one frame's (pruned) tree. */
  line(root: FieldNode, columns?: Record<string, string>): string {
    return this.cells(root, columns).join(this.opts.separator);
  }

  /** One frame's cells, escaped and quoted, in `lineCells` (valid until the next frame). */
  private cells(root: FieldNode, columns?: Record<string, string>): readonly string[] {
    const values = this.lineValues;
    const counts = this.lineCounts;
    // A loop, not fill(): the array has one slot per -e field, and the builtin call cost more than the stores.
    for (let i = 0; i < counts.length; i++) counts[i] = 0;
    this.fillValues(values, counts, root, columns);
    const { occurrence, aggregator, quote } = this.opts;
    // Cells joined once (or written as bytes): concatenating the line piece by piece made a string object per piece.
    const cells = this.lineCells;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      const n = counts[i]!;
      if (n === 0) {
        cells[i] = '';
        continue;
      }
      let cell: string;
      if (occurrence === 'f' || n === 1) cell = escapeFieldValue(v[0]!);
      else if (occurrence === 'l') cell = escapeFieldValue(v[n - 1]!);
      else cell = v.slice(0, n).map(escapeFieldValue).join(aggregator);
      cells[i] = quote === '' ? cell : quote + cell + quote;
    }
    return cells;
  }
}

/** Depth first, each kept node's display value into its column. */
function collectValues(node: FieldNode, columnOf: Int32Array, values: string[][], counts: Int32Array): void {
  const kids = node.children;
  if (kids === null) return;
  for (let j = 0; j < kids.length; j++) {
    const k = kids[j]!;
    const def = k.def;
    if (def !== null && def.id < columnOf.length) {
      const i = columnOf[def.id]!;
      if (i >= 0) values[i]![counts[i]!++] = fieldDisplayValue(k);
    }
    collectValues(k, columnOf, values, counts);
  }
}
