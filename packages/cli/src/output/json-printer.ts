import { BASE, fieldDisplayValue, formatHexBytes, FT, representationOf, type DissectedFrame, type FieldNode, type RawPacket } from '@netdissect/core';
import type { CliOptions } from '../cli-options.js';
import { FieldsWriter } from './fields-writer.js';
import type { FramePrinter, TreeNeeds } from './frame-printer.js';
import { JsonDumper } from './json-dumper.js';
import type { OutputStream } from './output-stream.js';
import type { TimeReference } from './summary-line.js';

/** A node's value in tshark's JSON (FTREPR_DISPLAY), or null for items without one. */
export function jsonValue(node: FieldNode): string | null {
  const def = node.def;
  if (def === null || def.type === FT.NONE || def.type === FT.PROTOCOL) return null;
  if ((def.type === FT.BYTES || def.type === FT.UINT_BYTES) && (def.base === undefined || def.base === BASE.NONE)) return formatHexBytes(node.resolvedValue as Uint8Array, ':');
  return fieldDisplayValue(node);
}

/** The member name of a node: its field abbreviation, or a text item's text. */
export function jsonKey(node: FieldNode): string {
  return node.def ? node.def.abbrev : representationOf(node);
}

/**
 * Write a node's children as tshark's write_json_proto_node_list with the
 * default grouping (every node its own member, duplicate names allowed):
 * value, then children under the same name or "<name>_tree", or "" for an
 * item that has neither (a protocol gets its label).
 */
export function writeJsonChildren(node: FieldNode, d: JsonDumper): void {
  d.beginObject();
  for (const child of node.children ?? []) {
    const key = jsonKey(child);
    const value = jsonValue(child);
    if (value !== null) d.member(key, value);
    if (child.children?.length) {
      d.name(value !== null ? `${key}_tree` : key);
      writeJsonChildren(child, d);
    } else if (value === null) {
      d.member(key, child.def?.type === FT.PROTOCOL ? representationOf(child) : '');
    }
  }
  d.endObject();
}

function localDate(sec: number): string {
  const t = new Date(sec * 1000);
  if (Number.isNaN(t.getTime())) return 'XXXX-XX-XX';
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}

/**
 * -T json: tshark's array of Elasticsearch-style documents, one per frame;
 * with -e, only those fields, each an array of its values.
 */
export class JsonPrinter implements FramePrinter {
  readonly needs: TreeNeeds;
  private readonly d: JsonDumper;
  private readonly fields: FieldsWriter | null;

  constructor(private readonly out: OutputStream, fieldOptions: CliOptions['fieldOptions'], fields: readonly string[]) {
    this.d = new JsonDumper((s) => out.writeValues(s));
    this.fields = fields.length ? new FieldsWriter(fieldOptions, fields, out) : null;
    this.needs = this.fields ? this.fields.needs : { kind: 'full', labels: true };
  }

  private writeFields(f: DissectedFrame, raw: RawPacket, ref: TimeReference): void {
    const d = this.d;
    const values = this.fields!.values(f.tree!, this.fields!.frameColumns(f, raw, ref));
    d.beginObject();
    this.fields!.names.forEach((name, i) => {
      const v = values[i]!;
      if (v.length === 0) return;
      d.name(name);
      d.beginArray();
      for (const x of v) d.string(x);
      d.endArray();
    });
    d.endObject();
  }

  begin(): void {
    this.d.beginArray();
  }

  frame(f: DissectedFrame, raw: RawPacket, ref: TimeReference): void {
    const d = this.d;
    d.beginObject();
    d.member('_index', `packets-${localDate(raw.tsSec)}`);
    d.member('_type', 'doc');
    d.member('_score', null);
    d.name('_source');
    d.beginObject();
    d.name('layers');
    if (this.fields) this.writeFields(f, raw, ref);
    else if (f.tree) writeJsonChildren(f.tree, d);
    else {
      d.beginObject();
      d.endObject();
    }
    d.endObject();
    d.endObject();
    d.flush();
  }

  end(): void {
    this.d.endArray();
    this.d.flush();
    this.out.write('\n');
  }
}
