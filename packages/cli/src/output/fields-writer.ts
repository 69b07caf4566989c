import { fieldDisplayValue, fieldRegistry, TreeContext, type FieldNode } from '@netdissect/core';
import type { CliOptions } from '../cli-options.js';
import { UsageError } from '../usage-error.js';

/** tshark's print_escaped_csv: only these five are escaped in -T fields values. */
function escapeFieldValue(s: string): string {
  if (!/[\b\f\n\r\t]/.test(s)) return s;
  return s.replace(/[\b\f\n\r\t]/g, (c) => (c === '\b' ? '\\b' : c === '\f' ? '\\f' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

/**
 * -T fields: one line per frame, one column per -e field, occurrences
 * joined by the aggregator, as write_specified_fields does.
 */
export class FieldsWriter {
  private readonly index = new Map<string, number>();
  readonly tree: TreeContext;

  constructor(private readonly opts: CliOptions['fieldOptions'], private readonly fields: readonly string[]) {
    const interest = new Uint8Array(fieldRegistry.size + 1024);
    const invalid: string[] = [];
    let labels = false;
    fields.forEach((f, i) => {
      // A repeated -e field fills only its last column, as tshark's field index does.
      this.index.set(f, i);
      if (f.startsWith('_ws.col.')) return;
      const defs = fieldRegistry.lookup(f);
      if (!defs) {
        invalid.push(f);
        return;
      }
      for (const d of defs) {
        interest[d.id] = 1;
        if (d.type === 1) labels = true;
      }
    });
    if (invalid.length) throw new UsageError(`Some fields aren't valid: ${invalid.join(', ')}`);
    this.tree = new TreeContext(interest, labels);
  }

  header(): string {
    const q = this.opts.quote;
    return this.fields.map((f) => `${q}${f}${q}`).join(this.opts.separator);
  }

  /** The line for one frame's (pruned) tree; column values come from `columns` for _ws.col.* fields. */
  line(root: FieldNode, columns?: Record<string, string>): string {
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
