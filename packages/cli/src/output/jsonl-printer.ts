import { formatEpoch, FT, representationOf, type DissectedFrame, type FieldNode, type RawPacket } from '@netdissect/core';
import type { FramePrinter, TreeNeeds } from './frame-printer.js';
import { jsonKey, jsonValue } from './json-printer.js';
import type { OutputStream } from './output-stream.js';

type JsonlValue = string | JsonlObject | JsonlValue[];
interface JsonlObject {
  [key: string]: JsonlValue;
}

function put(obj: JsonlObject, key: string, v: JsonlValue): void {
  const prev = obj[key];
  if (prev === undefined) obj[key] = v;
  else if (Array.isArray(prev)) prev.push(v);
  else obj[key] = [prev, v];
}

/**
 * The same members as -T json, but a repeated name becomes an array (like
 * tshark's --no-duplicate-keys), so every line parses as ordinary JSON.
 */
function layersObject(node: FieldNode): JsonlObject {
  const obj: JsonlObject = {};
  for (const child of node.children ?? []) {
    const key = jsonKey(child);
    const value = jsonValue(child);
    if (value !== null) put(obj, key, value);
    if (child.children?.length) put(obj, value !== null ? `${key}_tree` : key, layersObject(child));
    else if (value === null) put(obj, key, child.def?.type === FT.PROTOCOL ? representationOf(child) : '');
  }
  return obj;
}

/**
 * -T jsonl: one JSON object per line and frame — frame number, epoch
 * timestamp and the layers — for jq, pandas or a log pipeline.
 */
export class JsonlPrinter implements FramePrinter {
  readonly needs: TreeNeeds = { kind: 'full', labels: true };
  constructor(private readonly out: OutputStream) {}
  begin(): void {}
  frame(f: DissectedFrame, raw: RawPacket): void {
    const doc = { frame: raw.no, timestamp: formatEpoch(raw.tsSec, raw.tsNsec), layers: f.tree ? layersObject(f.tree) : {} };
    this.out.line(JSON.stringify(doc));
  }
  end(): void {}
}
