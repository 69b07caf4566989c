import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CaptureReader, DissectionSession, fieldRegistry, TreeContext, type FieldDef, type FieldNode, type RawPacket, type SessionOptions } from '@netdissect/core';
import { hfImap, imapFields, imapLinesOf, type ImapLine } from '@netdissect/imap';

/** ../shared/captures next to the repository. */
export const corpusDir = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..', '..', 'shared', 'captures');

export function corpusPath(rel: string): string {
  return join(corpusDir, rel);
}

/** All packets of a capture file, copied so they outlive the reader. */
export async function readPackets(path: string): Promise<RawPacket[]> {
  const reader = await CaptureReader.open(path);
  const out: RawPacket[] = [];
  for await (const p of reader.packets()) out.push({ ...p, bytes: p.bytes.slice() });
  await reader.close();
  return out;
}

/** One frame as the tests look at it: its columns, layers, full tree and IMAP lines. */
export interface FrameView {
  readonly no: number;
  readonly protocol: string;
  readonly info: string;
  readonly layers: readonly string[];
  readonly tree: FieldNode;
  readonly lines: ImapLine[];
}

export interface DissectOptions extends SessionOptions {
  /** Return the second pass (frames dissected again, as tshark -2 does) instead of the first. */
  twoPass?: boolean;
  session?: DissectionSession;
  /** Build trees with only these fields (as -e does), which is much cheaper for long captures. */
  fields?: readonly FieldDef[];
}

/** The fields imapLinesOf reads. */
export const IMAP_TREE_FIELDS: readonly FieldDef[] = [hfImap, ...Object.values(imapFields)];

function interestIn(fields: readonly FieldDef[]): Uint8Array {
  const interest = new Uint8Array(fieldRegistry.size);
  for (const def of fields) interest[def.id] = 1;
  return interest;
}

/**
 * Dissect `packets` in order with trees; with `twoPass`, the first pass
 * builds none (as tshark -2) and each frame is dissected again as a
 * revisit, and those views are returned.
 */
export function dissectPackets(packets: readonly RawPacket[], opts: DissectOptions = {}): FrameView[] {
  const session = opts.session ?? new DissectionSession(opts);
  session.keepHistory = true;
  const interest = opts.fields ? interestIn(opts.fields) : null;
  const view = (raw: RawPacket, visited: boolean): FrameView => {
    const f = session.dissect(raw, new TreeContext(interest), visited);
    return { no: raw.no, protocol: f.pinfo.cols.protocol, info: f.pinfo.cols.info, layers: [...f.pinfo.layers], tree: f.tree!, lines: imapLinesOf(f.tree!) };
  };
  if (!opts.twoPass) return packets.map((p) => view(p, false));
  for (const p of packets) session.dissect(p, null, false);
  return packets.map((p) => view(p, true));
}

export async function dissectCapture(rel: string, opts: DissectOptions = {}): Promise<FrameView[]> {
  return dissectPackets(await readPackets(corpusPath(rel)), opts);
}

/** Every value of `def` in the tree, in tree order. */
export function valuesOf(node: FieldNode, def: FieldDef): unknown[] {
  const out: unknown[] = [];
  node.forEach((n) => {
    if (n.def === def) out.push(n.resolvedValue);
  });
  return out;
}

export function frame(frames: readonly FrameView[], no: number): FrameView {
  const f = frames.find((x) => x.no === no);
  if (!f) throw new Error(`no frame ${no}`);
  return f;
}
