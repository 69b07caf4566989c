import {
  CaptureFileError, CaptureReader, DissectionSession, fieldRegistry, TreeContext,
  type FieldDef, type FieldNode, type PacketInfo, type RawPacket, type SessionOptions,
} from '@netdissect/core';

/** One dissected frame as tests look at it: its packet info, columns and tree. */
export interface FrameView {
  readonly no: number;
  readonly pinfo: PacketInfo;
  readonly protocol: string;
  readonly info: string;
  readonly layers: readonly string[];
  readonly tree: FieldNode;
}

export interface DissectFramesOptions extends SessionOptions {
  /** tshark -2: a first pass without trees, then every frame again (visited); the second pass is returned. */
  twoPass?: boolean;
  /** Keep per-frame notes after the first pass (default: with twoPass). */
  keepHistory?: boolean;
  session?: DissectionSession;
  /** Called between the passes (attach listeners that should see only the second one). */
  beforeSecondPass?: () => void;
  /** Build trees with only these fields (as -e does) instead of full trees. */
  fields?: readonly (string | FieldDef)[];
  /** Listeners to attach before dissecting, by tap name. */
  taps?: Record<string, (data: unknown) => void>;
}

/** The interest array of a tree that keeps only `fields` (by abbreviation or definition). */
export function fieldInterest(fields: readonly (string | FieldDef)[]): Uint8Array {
  const interest = new Uint8Array(fieldRegistry.size);
  for (const f of fields) {
    if (typeof f === 'string') for (const def of fieldRegistry.lookup(f) ?? []) interest[def.id] = 1;
    else interest[f.id] = 1;
  }
  return interest;
}

/** Dissect every packet as the CLI does and hand each frame (of the last pass) to `visit`. */
export function forEachFrame(packets: readonly RawPacket[], opts: DissectFramesOptions, visit: (f: FrameView) => void): void {
  const session = opts.session ?? new DissectionSession(opts);
  session.keepHistory = opts.keepHistory ?? opts.twoPass === true;
  for (const [tap, fn] of Object.entries(opts.taps ?? {})) session.addTap(tap, (_p, d) => fn(d));
  const visited = opts.twoPass === true;
  if (visited) {
    // As the CLI's two passes: reassembled bytes are dropped after the first pass and read back from the frames.
    const byNumber = new Map(packets.map((p) => [p.no, p.bytes]));
    session.frameBytes ??= (no) => byNumber.get(no) ?? null;
    for (const p of packets) session.dissect(p, null, false);
    opts.beforeSecondPass?.();
  }
  const interest = opts.fields ? fieldInterest(opts.fields) : null;
  for (const p of packets) {
    const { pinfo, tree } = session.dissect(p, new TreeContext(interest), visited);
    visit({ no: p.no, pinfo, protocol: pinfo.cols.protocol, info: pinfo.cols.info, layers: [...pinfo.layers], tree: tree! });
  }
}

/** Every frame with its tree (of the second pass with twoPass). */
export function dissectFrames(packets: readonly RawPacket[], opts: DissectFramesOptions = {}): FrameView[] {
  const out: FrameView[] = [];
  forEachFrame(packets, opts, (f) => out.push(f));
  return out;
}

/** Every value of a field (by definition or abbreviation) under `node`, in tree order. */
export function valuesOf(node: FieldNode, field: FieldDef | string): unknown[] {
  const out: unknown[] = [];
  node.forEach((n) => {
    if (n.def !== null && (typeof field === 'string' ? n.def.abbrev === field : n.def === field)) out.push(n.resolvedValue);
  });
  return out;
}

/** Frame `no` of a run. */
export function frameByNumber<F extends { readonly no: number }>(frames: readonly F[], no: number): F {
  const f = frames.find((x) => x.no === no);
  if (!f) throw new Error(`no frame ${no}`);
  return f;
}

/** Every packet of a capture, copied so they outlive the reader; a damaged file gives the packets before the damage. */
export async function readPackets(path: string): Promise<RawPacket[]> {
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
