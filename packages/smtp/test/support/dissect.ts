import { CaptureFileError, CaptureReader, DissectionSession, fieldDisplayValue, fieldRegistry, TreeContext, type FieldNode, type RawPacket } from '@netdissect/core';
import '@netdissect/smtp';
import { corpusPath } from '../../../../test/support/paths.js';

/** One dissected frame: its columns and the values of the fields asked for, in tree order. */
export interface FrameView {
  num: number;
  protocol: string;
  info: string;
  fields: Map<string, string[]>;
  /** The same values as [field, value] pairs in tree order. */
  ordered: Array<[string, string]>;
}

export interface DissectOptions {
  prefs?: Record<string, string | number | boolean>;
  /** Listeners to attach before dissecting. */
  taps?: Record<string, (data: unknown) => void>;
  /** Dissect every frame a second time, as tshark -2 does, and report that pass. */
  twoPass?: boolean;
}

function treeFor(fields: readonly string[]): TreeContext {
  const interest = new Uint8Array(fieldRegistry.size + 1024);
  for (const f of fields) for (const d of fieldRegistry.lookup(f) ?? []) interest[d.id] = 1;
  return new TreeContext(interest, false);
}

function collect(root: FieldNode | null, out: Map<string, string[]>, ordered: Array<[string, string]>): void {
  root?.forEach((n) => {
    if (!n.def) return;
    const list = out.get(n.def.abbrev);
    if (!list) return;
    const v = fieldDisplayValue(n);
    list.push(v);
    ordered.push([n.def.abbrev, v]);
  });
}

/** Dissect packets in a fresh session, returning each frame's columns and the requested fields. */
export function dissectPackets(packets: readonly RawPacket[], fields: readonly string[] = [], opts: DissectOptions = {}): FrameView[] {
  const session = new DissectionSession({ prefs: opts.prefs });
  // Per-frame notes survive the first pass only when a second one will read them.
  session.keepHistory = opts.twoPass === true;
  for (const [tap, fn] of Object.entries(opts.taps ?? {})) session.addTap(tap, (_p, d) => fn(d));
  const ctx = treeFor(fields);
  const view = (raw: RawPacket, visited: boolean): FrameView => {
    const f = session.dissect(raw, ctx, visited);
    const values = new Map(fields.map((name) => [name, [] as string[]]));
    const ordered: Array<[string, string]> = [];
    collect(f.tree, values, ordered);
    return { num: raw.no, protocol: f.pinfo.cols.protocol, info: f.pinfo.cols.info, fields: values, ordered };
  };
  const first = packets.map((p) => view(p, false));
  if (!opts.twoPass) return first;
  return packets.map((p) => view(p, true));
}

/** Every packet of a capture, copied; a damaged file gives the packets before the damage. */
export async function capturePackets(path: string): Promise<RawPacket[]> {
  const reader = await CaptureReader.open(path);
  const out: RawPacket[] = [];
  try {
    for await (const p of reader.packets()) out.push({ ...p, bytes: p.bytes.slice() });
  } catch (err) {
    if (!(err instanceof CaptureFileError)) throw err;
  } finally {
    await reader.close();
  }
  return out;
}

/** Read a corpus capture (path relative to shared/captures). */
export async function corpusPackets(rel: string): Promise<RawPacket[]> {
  return capturePackets(corpusPath(rel));
}
