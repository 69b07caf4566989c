import { FragmentHead, frameSliceOffset, reassembledBytes, showFragmentTree, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';
import { popDataFragmentFields, popExpert } from './fields.js';
import type { PopConversation } from './pop-conversation.js';

const FRAME_KEY = 'pop.data';

/**
 * One unit of RETR/TOP DATA as packet-pop.c reassembles it: the
 * continuation segments from the size announcement until that many bytes
 * were seen, or a single segment when no size is known.
 */
export class DataReassembly {
  /** Frame whose segment completed the unit. */
  reassembledIn = 0;
  /** Notes of the frames added so far, told where the unit completed once it does. */
  readonly notes: DataFrameNote[] = [];

  constructor(
    /** The pieces of a multi-segment unit; null when the unit is one segment, handed on as it is. */
    readonly head: FragmentHead | null,
  ) {}
}

/** What the first pass learnt about one continuation frame (p_add_proto_data in packet-pop.c). */
interface DataFrameNote {
  moreFrags: boolean;
  /** Set when the unit this segment belongs to is complete. */
  reassembly: DataReassembly | null;
  /** The unit was dropped here for exceeding the reassembly limits. */
  overLimit: boolean;
}

/** Bytes held by unfinished POP DATA units across the session. */
interface PopDataBudget {
  total: number;
}

/**
 * fragment_add_seq_next + process_reassembled_data for a DATA continuation
 * segment: the buffer to hand to IMF when this frame completes a unit
 * (the segment itself for a one-segment unit), else null, adding
 * "Reassembled DATA in frame" on the other frames of a completed unit.
 */
export function reassembleData(tvb: Tvb, pinfo: PacketInfo, conv: PopConversation, popTree: FieldNode | null): Tvb | null {
  let note = pinfo.getFrameData<DataFrameNote>(FRAME_KEY);
  if (!note && !pinfo.visited) {
    conv.msgReadLen = (conv.msgReadLen + tvb.reported) >>> 0;
    note = { moreFrags: conv.msgReadLen < conv.msgTotLen, reassembly: null, overLimit: false };
    pinfo.setFrameData(FRAME_KEY, note);
    addSegment(tvb, pinfo, conv, note);
  }
  if (!note) return null;
  if (note.overLimit) pinfo.expert(popTree, popExpert.reassemblyLimit);
  const unit = note.reassembly;
  if (unit && unit.reassembledIn === pinfo.num) {
    if (unit.head) {
      const data = reassembledBytes(pinfo, unit.head, () => pinfo.expert(popTree, popExpert.reassemblyLimit, 'Reassembled DATA could not be read again from the capture; missing bytes shown as zeros'));
      const next = pinfo.addDataSource('Reassembled DATA', data);
      showFragmentTree(unit.head, popDataFragmentFields, popTree, pinfo, next);
      return next;
    }
    pinfo.fragmented = false;
    return tvb.sub(0);
  }
  if (unit) popTree?.addGenerated(popDataFragmentFields.reassembledIn, tvb, 0, 0, unit.reassembledIn);
  return null;
}

/** First pass: add this frame's segment to the unit in progress, or make it a unit of its own. */
function addSegment(tvb: Tvb, pinfo: PacketInfo, conv: PopConversation, note: DataFrameNote): void {
  const len = tvb.reported;
  let pending = conv.pendingData;
  if (!pending && !note.moreFrags) {
    completeSingle(pinfo, note);
    return;
  }
  const limits = pinfo.session.limits;
  const budget = pinfo.session.state<PopDataBudget>('pop.data.budget', () => ({ total: 0 }));
  const held = pending?.head?.pendingBytes ?? 0;
  if (held + len > limits.tcpReassemblyBytesPerFlow || budget.total + len > limits.tcpReassemblyBytesTotal) {
    // Too much to hold: drop the unit and carry on as if no size had been announced.
    if (pending) {
      budget.total -= held;
      pending.head?.release();
      conv.pendingData = null;
    }
    conv.msgReadLen = 0;
    conv.msgTotLen = 0;
    note.moreFrags = false;
    note.overLimit = true;
    completeSingle(pinfo, note);
    return;
  }
  if (!pending) pending = conv.pendingData = new DataReassembly(new FragmentHead());
  const head = pending.head!;
  const last = head.count > 0 ? head.piece(head.count - 1) : undefined;
  const offset = last ? last.offset + last.len : 0;
  const before = head.pendingBytes;
  const bytes = tvb.view(0, len);
  const done = head.addWork(bytes, offset, note.moreFrags, pinfo.num, pinfo.num, frameSliceOffset(pinfo, bytes));
  budget.total += head.pendingBytes - before;
  pending.notes.push(note);
  if (!done) return;
  pending.reassembledIn = pinfo.num;
  for (const n of pending.notes) n.reassembly = pending;
  pending.notes.length = 0;
  conv.pendingData = null;
}

function completeSingle(pinfo: PacketInfo, note: DataFrameNote): void {
  const unit = new DataReassembly(null);
  unit.reassembledIn = pinfo.num;
  note.reassembly = unit;
}
