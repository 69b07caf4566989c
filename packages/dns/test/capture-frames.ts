import { DissectionSession, TreeContext, fieldDisplayValue, type FieldNode, type RawPacket, type SessionOptions } from '@netdissect/core';
import { readAllPackets } from '../../../test/support/resegment-tcp.js';
import '@netdissect/dns';

/** One dissected frame: its columns, its full tree, and -T fields style access to it. */
export interface Frame {
  no: number;
  protocol: string;
  info: string;
  malformed: boolean;
  tree: FieldNode;
  /** Every occurrence of a field, formatted as tshark -T fields prints it. */
  values(abbrev: string): string[];
}

function framesOf(tree: FieldNode): (abbrev: string) => string[] {
  return (abbrev) => {
    const out: string[] = [];
    tree.forEach((n) => {
      if (n.def?.abbrev === abbrev) out.push(fieldDisplayValue(n));
    });
    return out;
  };
}

/** Dissect packets as `tshark -2 -V` would: a first pass for state, then every frame again with a full tree. */
export function dissectPackets(packets: RawPacket[], options: SessionOptions = {}): Frame[] {
  const session = new DissectionSession(options);
  session.keepHistory = true;
  for (const p of packets) session.dissect(p, null, false);
  return packets.map((p) => {
    const f = session.dissect(p, new TreeContext(), true);
    const tree = f.tree!;
    return { no: p.no, protocol: f.pinfo.cols.protocol, info: f.pinfo.cols.info, malformed: f.pinfo.malformed, tree, values: framesOf(tree) };
  });
}

export async function dissectFile(path: string, options: SessionOptions = {}): Promise<Frame[]> {
  return dissectPackets(await readAllPackets(path), options);
}
