import type { FieldNode } from '../fields/field-node.js';
import { BoundsKind, DissectorBoundsError, ReassemblyError } from './dissector-errors.js';
import { defineExpert, Group, Severity, hfMalformed, hfShort, hfUnreassembled } from './expert.js';
import type { PacketInfo } from './packet-info.js';
import type { Tvb } from './tvb.js';

const eiMalformed = defineExpert('_ws.malformed', '_ws.malformed.expert', Group.MALFORMED, Severity.ERROR, 'Malformed Packet (Exception occurred)');
const eiUnreassembled = defineExpert('_ws.unreassembled', '_ws.unreassembled.expert', Group.REASSEMBLE, Severity.NOTE, 'Unreassembled fragment (change preferences to enable reassembly)');
const eiReassembly = defineExpert('_ws.malformed', '_ws.malformed.reassembly', Group.MALFORMED, Severity.ERROR, 'Reassembly error');
const eiDissectorBug = defineExpert('_ws.malformed', '_ws.malformed.dissector_bug', Group.MALFORMED, Severity.ERROR, 'Dissector bug');

/**
 * Turn an exception thrown by a dissector into what Wireshark shows for it
 * (show_exception): a note in Info, a marker item in the tree, and for
 * malformed data an expert error. Anything not a bounds error is reported
 * as a dissector bug, with its message, so no input can crash a run.
 */
export function showException(err: unknown, tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): void {
  let kind: number = 0;
  if (err instanceof DissectorBoundsError) kind = err.kind;
  if (kind === BoundsKind.Reported && pinfo.fragmented) kind = BoundsKind.Fragment;
  const proto = pinfo.currentProto;
  switch (kind) {
    case BoundsKind.Captured:
      pinfo.cols.appendInfo('[Packet size limited during capture]');
      tree?.addProtocol(hfShort, tvb, 0, 0, `[Packet size limited during capture: ${proto} truncated]`);
      return;
    case BoundsKind.Fragment: {
      pinfo.cols.appendInfo(`[BoundErrorUnreassembled Packet${pinfo.noReassemblyReason}]`);
      const item = tree ? tree.addProtocol(hfUnreassembled, tvb, 0, 0, `[BoundError Unreassembled Packet${pinfo.noReassemblyReason}: ${proto}]`) : null;
      pinfo.expert(item, eiUnreassembled);
      return;
    }
    case BoundsKind.Contained: {
      pinfo.malformed = true;
      pinfo.cols.appendInfo('[Malformed Packet: length of contained item exceeds length of containing item]');
      const item = tree ? tree.addProtocol(hfMalformed, tvb, 0, 0, `[Malformed Packet: ${proto}: length of contained item exceeds length of containing item]`) : null;
      pinfo.expert(item, eiMalformed);
      return;
    }
    case BoundsKind.Reported: {
      pinfo.malformed = true;
      pinfo.cols.appendInfo('[Malformed Packet]');
      const item = tree ? tree.addProtocol(hfMalformed, tvb, 0, 0, `[Malformed Packet: ${proto}]`) : null;
      pinfo.expert(item, eiMalformed);
      return;
    }
    default: {
      if (err instanceof ReassemblyError) {
        pinfo.cols.appendInfo(`[Reassembly error, protocol ${proto}: ${err.message}]`);
        const item = tree ? tree.addProtocol(hfMalformed, tvb, 0, 0, `[Reassembly error, protocol ${proto}: ${err.message}]`) : null;
        pinfo.expert(item, eiReassembly, err.message);
        return;
      }
      pinfo.malformed = true;
      const msg = err instanceof Error ? err.message : String(err);
      pinfo.cols.appendInfo(`[Dissector bug, protocol ${proto}: ${msg}]`);
      const item = tree ? tree.addProtocol(hfMalformed, tvb, 0, 0, `[Dissector bug, protocol ${proto}: ${msg}]`) : null;
      pinfo.expert(item, eiDissectorBug, msg);
    }
  }
}

/**
 * CATCH_NONFATAL_ERRORS: what a dissector catching its payload's errors
 * shows and goes on after (malformed data, an unreassembled fragment, a
 * dissector bug). Running off the end of the captured data is not among
 * them: nothing more can be read, so the error goes up to the frame.
 */
export function rethrowIfCaptureCut(err: unknown): void {
  if (err instanceof DissectorBoundsError && err.kind === BoundsKind.Captured) throw err;
}

/** Mark a frame malformed where a dissector detects bad data itself rather than running off the end. */
export function reportMalformed(pinfo: PacketInfo, tvb: Tvb, tree: FieldNode | null): void {
  showException(new DissectorBoundsError(BoundsKind.Reported), tvb, pinfo, tree);
}
