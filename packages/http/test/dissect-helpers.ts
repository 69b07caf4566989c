import { CaptureReader, DissectionSession, dissectCapture, TreeContext, type ExpertItem, type FieldNode, type Limits, type PacketInfo } from '@netdissect/core';
import '@netdissect/http';

/** What a test looks at in one dissected frame. */
export interface FrameView {
  readonly num: number;
  readonly protocol: string;
  readonly info: string;
  readonly layers: string;
  readonly tree: FieldNode;
  readonly experts: readonly ExpertItem[];
  readonly dataSources: readonly string[];
}

export interface DissectOptions {
  /** Dissect every frame again with the first pass's state, as tshark -2 does. */
  twoPass?: boolean;
  limits?: Partial<Limits>;
  /** Tap listeners to attach before the first frame. */
  taps?: Record<string, (pinfo: PacketInfo, data: unknown) => void>;
}

/** Dissect a whole capture with full trees through the public API. */
export async function dissectFile(path: string, opts: DissectOptions = {}): Promise<FrameView[]> {
  const reader = await CaptureReader.open(path);
  const session = new DissectionSession({ limits: opts.limits });
  for (const [tap, listener] of Object.entries(opts.taps ?? {})) session.addTap(tap, listener);
  const frames: FrameView[] = [];
  try {
    await dissectCapture(reader, session, { tree: new TreeContext(), twoPass: opts.twoPass ?? false }, (f) => {
      const p = f.pinfo;
      frames.push({ num: p.num, protocol: p.cols.protocol, info: p.cols.info, layers: p.layers.join(':'), tree: f.tree!, experts: p.experts, dataSources: p.dataSources.map((d) => d.name) });
    });
  } finally {
    await reader.close();
  }
  return frames;
}

/** Every value of field `abbrev` in the tree, in tree order (as -T fields lists occurrences). */
export function values(tree: FieldNode, abbrev: string): unknown[] {
  const out: unknown[] = [];
  tree.forEach((n) => {
    if (n.def?.abbrev === abbrev) out.push(n.resolvedValue);
  });
  return out;
}

/** The single value of field `abbrev`, or undefined. */
export function value(tree: FieldNode, abbrev: string): unknown {
  return values(tree, abbrev)[0];
}

export function frame(frames: readonly FrameView[], num: number): FrameView {
  const f = frames.find((x) => x.num === num);
  if (!f) throw new Error(`no frame ${num}`);
  return f;
}
