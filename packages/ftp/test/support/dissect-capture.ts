import { DissectionSession, fieldRegistry, TreeContext, type FieldNode, type PacketInfo, type RawPacket } from '@netdissect/core';
import '@netdissect/ftp';

/** One dissected frame: its columns and its tree. */
export interface FrameView {
  readonly no: number;
  readonly pinfo: PacketInfo;
  readonly tree: FieldNode;
}

export interface DissectOptions {
  /** tshark -2: a first pass without trees, then every frame again (visited). */
  twoPass?: boolean;
  session?: DissectionSession;
  /** Called between the passes (attach listeners that should see only the second one). */
  beforeSecondPass?: () => void;
  /** Keep only these fields in the trees (default: full trees). */
  fields?: readonly string[];
}

function treeContext(fields: readonly string[] | undefined): TreeContext {
  if (!fields) return new TreeContext();
  const interest = new Uint8Array(fieldRegistry.size);
  for (const f of fields) for (const def of fieldRegistry.lookup(f) ?? []) interest[def.id] = 1;
  return new TreeContext(interest);
}

/** Dissect every packet as the CLI does and hand each frame (of the last pass) to `visit`. */
export function forEachFrame(packets: readonly RawPacket[], opts: DissectOptions, visit: (f: FrameView) => void): void {
  const session = opts.session ?? new DissectionSession();
  if (opts.twoPass) {
    session.keepHistory = true;
    for (const p of packets) session.dissect(p, null, false);
    opts.beforeSecondPass?.();
  }
  const ctx = treeContext(opts.fields);
  for (const p of packets) {
    const f = session.dissect(p, ctx, opts.twoPass ?? false);
    visit({ no: p.no, pinfo: f.pinfo, tree: f.tree! });
  }
}

/** Every frame with its tree. */
export function dissectPackets(packets: readonly RawPacket[], opts: DissectOptions = {}): FrameView[] {
  const out: FrameView[] = [];
  forEachFrame(packets, opts, (f) => out.push(f));
  return out;
}

/** The values of a field in a frame's tree, in tree order. */
export function values(frame: FrameView, abbrev: string): unknown[] {
  const out: unknown[] = [];
  frame.tree.forEach((n) => {
    if (n.def?.abbrev === abbrev) out.push(n.resolvedValue);
  });
  return out;
}

/** The frames of a run by number. */
export function byNumber(frames: readonly FrameView[]): (no: number) => FrameView {
  return (no) => {
    const f = frames[no - 1];
    if (!f || f.no !== no) throw new Error(`no frame ${no}`);
    return f;
  };
}
