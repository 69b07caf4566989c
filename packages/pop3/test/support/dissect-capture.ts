import { DissectionSession, fieldRegistry, TreeContext, type FieldDef, type FieldNode, type RawPacket, type SessionOptions } from '@netdissect/core';
import '@netdissect/pop3';

/** One frame as the tests look at it: its columns and full tree. */
export interface FrameView {
  readonly no: number;
  readonly protocol: string;
  readonly info: string;
  readonly layers: readonly string[];
  readonly tree: FieldNode;
}

export interface DissectOptions extends SessionOptions {
  /** Dissect every frame twice and return the second pass (tshark -2). */
  twoPass?: boolean;
  session?: DissectionSession;
  /** Build trees with only these fields (as for -e) instead of full trees. */
  fields?: readonly FieldDef[];
}

/**
 * Dissect `packets` in order (the first pass), then, with `twoPass`, each
 * again as a revisit, returning the views of the pass that was asked for.
 */
export function dissectPackets(packets: readonly RawPacket[], opts: DissectOptions = {}): FrameView[] {
  const session = opts.session ?? new DissectionSession(opts);
  session.keepHistory = true;
  let interest: Uint8Array | null = null;
  if (opts.fields) {
    interest = new Uint8Array(fieldRegistry.size);
    for (const f of opts.fields) interest[f.id] = 1;
  }
  const view = (raw: RawPacket, visited: boolean): FrameView => {
    const f = session.dissect(raw, new TreeContext(interest), visited);
    return { no: raw.no, protocol: f.pinfo.cols.protocol, info: f.pinfo.cols.info, layers: [...f.pinfo.layers], tree: f.tree! };
  };
  const first = packets.map((p) => view(p, false));
  return opts.twoPass ? packets.map((p) => view(p, true)) : first;
}

/** Every value of `def` in the tree, in tree order. */
export function valuesOf(node: FieldNode, def: FieldDef): unknown[] {
  const out: unknown[] = [];
  node.forEach((n) => {
    if (n.def === def) out.push(n.resolvedValue);
  });
  return out;
}
