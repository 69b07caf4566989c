import { fieldDisplayValue, fieldRegistry, FT, type DissectedFrame, type FieldDef, type FieldNode } from '@netdissect/core';
import type { CliOptions } from '../cli-options.js';
import { UsageError } from '../usage-error.js';
import type { FramePrinter, TreeNeeds } from './frame-printer.js';
import type { OutputStream } from './output-stream.js';

/** tshark's print_escaped_csv: only these five are escaped in -T fields values. */
function escapeFieldValue(s: string): string {
  if (!/[\b\f\n\r\t]/.test(s)) return s;
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

  constructor(
    private readonly opts: CliOptions['fieldOptions'],
    private readonly fields: readonly string[],
    private readonly out: OutputStream,
  ) {
    const defs: FieldDef[] = [];
    const invalid: string[] = [];
    let labels = false;
    fields.forEach((f, i) => {
      // A repeated -e field fills only its last column, as tshark's field index does.
      this.index.set(f, i);
      if (f.startsWith('_ws.col.')) return;
      const found = fieldRegistry.lookup(f);
      if (!found) {
        invalid.push(f);
        return;
      }
      for (const d of found) {
        defs.push(d);
        // A protocol's value in -T fields is its summary label.
        if (d.type === FT.PROTOCOL) labels = true;
      }
    });
    if (invalid.length) throw new UsageError(`Some fields aren't valid: ${invalid.join(', ')}`);
    this.needs = { kind: 'fields', defs, labels };
    this.columns = fields.some((f) => f.startsWith('_ws.col.'));
  }

  begin(): void {
    if (this.opts.header) this.out.line(this.header());
  }

  frame(f: DissectedFrame): void {
    this.out.line(this.line(f.tree!, this.columns ? { Protocol: f.pinfo.cols.protocol, Info: f.pinfo.cols.info } : undefined));
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

  /** Every occurrence of each -e field in one frame's (pruned) tree, as -T fields prints them; _ws.col.* from `columns`. */
  values(root: FieldNode, columns?: Record<string, string>): string[][] {
    const values: string[][] = this.fields.map(() => []);
    const visit = (node: FieldNode): void => {
      const kids = node.children;
      if (!kids) return;
      for (const k of kids) {
        if (k.def) {
          const i = this.index.get(k.def.abbrev);
          if (i !== undefined) values[i]!.push(fieldDisplayValue(k));
        }
        visit(k);
      }
    };
    visit(root);
    if (columns) {
      this.fields.forEach((f, i) => {
        if (f.startsWith('_ws.col.') && columns[f.slice(8)] !== undefined) values[i]!.push(columns[f.slice(8)]!);
      });
    }
    return values;
  }

  /** The line for one frame's (pruned) tree. */
  line(root: FieldNode, columns?: Record<string, string>): string {
    const values = this.values(root, columns);
    const { occurrence, aggregator, separator, quote } = this.opts;
    const cells = this.fields.map((_f, i) => {
      const v = values[i]!;
      if (v.length === 0) return '';
      const picked = occurrence === 'f' ? [v[0]!] : occurrence === 'l' ? [v[v.length - 1]!] : v;
      return quote + picked.map(escapeFieldValue).join(aggregator) + quote;
    });
    return cells.join(separator);
  }
}
