import { defineFields, FT, BASE, type FieldDef } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import { FragFlag, type FragmentHead } from './fragment-head.js';

/** The field family a reassembling protocol shows its fragments with (fragment_items). */
export interface FragmentFields {
  fragments: FieldDef;
  fragment: FieldDef;
  overlap: FieldDef;
  overlapConflict: FieldDef;
  multipleTails: FieldDef;
  tooLong: FieldDef;
  error: FieldDef;
  count: FieldDef;
  reassembledIn: FieldDef;
  reassembledLength: FieldDef;
  reassembledData: FieldDef | null;
  /** "IPv4 fragments", used in "[Illegal IPv4 fragments]". */
  tag: string;
}

/** Define the standard fragment fields under `prefix` ("ip", "ipv6", "tcp"...). */
export function defineFragmentFields(proto: string, names: {
  fragments: [string, string]; fragment: [string, string]; prefix: string; reassembledIn: [string, string];
  reassembledLength: [string, string]; reassembledData: [string, string] | null; count: string; tag: string;
  /** FT_NONE for TCP's "tcp.segments", FT_BYTES (the default) for IP's fragments. */
  fragmentsType?: typeof FT.NONE | typeof FT.BYTES;
  names?: { overlap: string; overlapConflict: string; multipleTails: string; tooLong: string; error: string; count: string };
}): FragmentFields {
  const p = names.prefix;
  const n = names.names ?? { overlap: 'Fragment overlap', overlapConflict: 'Conflicting data in fragment overlap', multipleTails: 'Multiple tail fragments found', tooLong: 'Fragment too long', error: 'Defragmentation error', count: 'Fragment count' };
  const f = defineFields(proto, {
    fragments: { abbrev: names.fragments[0], name: names.fragments[1], type: names.fragmentsType ?? FT.BYTES },
    fragment: { abbrev: names.fragment[0], name: names.fragment[1], type: FT.FRAMENUM },
    overlap: { abbrev: `${p}.overlap`, name: n.overlap, type: FT.BOOLEAN },
    overlapConflict: { abbrev: `${p}.overlap.conflict`, name: n.overlapConflict, type: FT.BOOLEAN },
    multipleTails: { abbrev: `${p}.multipletails`, name: n.multipleTails, type: FT.BOOLEAN },
    tooLong: { abbrev: `${p}.toolongfragment`, name: n.tooLong, type: FT.BOOLEAN },
    error: { abbrev: `${p}.error`, name: n.error, type: FT.FRAMENUM },
    count: { abbrev: names.count, name: n.count, type: FT.UINT32, base: BASE.DEC },
    reassembledIn: { abbrev: names.reassembledIn[0], name: names.reassembledIn[1], type: FT.FRAMENUM },
    reassembledLength: { abbrev: names.reassembledLength[0], name: names.reassembledLength[1], type: FT.UINT32, base: BASE.DEC },
  });
  const data = names.reassembledData ? defineFields(proto, { d: { abbrev: names.reassembledData[0], name: names.reassembledData[1], type: FT.BYTES } }).d : null;
  return { ...f, reassembledData: data, tag: names.tag };
}

/**
 * The "[n Fragments (x bytes): #1(8), #2(8)]" subtree (show_fragment_tree).
 * Returns true when a fragment was illegal, in which case Info already says so.
 */
export function showFragmentTree(head: FragmentHead, fit: FragmentFields, tree: FieldNode | null, pinfo: PacketInfo, tvb: Tvb): boolean {
  pinfo.fragmented = false;
  if (tree) {
    const top = tree.add(fit.fragments, tvb, 0, tvb.length, fit.fragments.type === FT.BYTES ? tvb.view(0, tvb.length) : null).setGenerated();
    const count = head.count;
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      const fd = head.piece(i);
      parts.push(`#${fd.frame}(${fd.len})`);
      const bad = fd.flags & (FragFlag.OVERLAP_CONFLICT | FragFlag.MULTIPLE_TAILS | FragFlag.TOO_LONG);
      const def = bad ? fit.error : fit.fragment;
      const item = tree.ctx.full
        ? top.add(def, tvb, fd.offset, fd.len, fd.frame).setText(fd.len === 0 ? `Frame: ${fd.frame} (no data)` : `Frame: ${fd.frame}, payload: ${fd.offset}-${fd.offset + fd.len - 1} (${fd.len} byte${fd.len === 1 ? '' : 's'})`)
        : top.add(def, tvb, fd.offset, fd.len, fd.frame);
      item.setGenerated();
      if (fd.flags) {
        if (fd.flags & FragFlag.OVERLAP) item.addGenerated(fit.overlap, tvb, 0, 0, 1);
        if (fd.flags & FragFlag.OVERLAP_CONFLICT) item.addGenerated(fit.overlapConflict, tvb, 0, 0, 1);
        if (fd.flags & FragFlag.MULTIPLE_TAILS) item.addGenerated(fit.multipleTails, tvb, 0, 0, 1);
        if (fd.flags & FragFlag.TOO_LONG) item.addGenerated(fit.tooLong, tvb, 0, 0, 1);
      }
    }
    if (tree.ctx.full) {
      const name = count === 1 ? fit.fragment.name : fit.fragments.name;
      // The list is appended text, as show_fragment builds it: a long one is cut at the label buffer's end without a "[truncated]" mark.
      top.setText(`${count} ${name} (${tvb.length} byte${tvb.length === 1 ? '' : 's'}): `).appendText(parts.join(', '));
    }
    top.addGenerated(fit.count, tvb, 0, 0, count);
    top.addGenerated(fit.reassembledLength, tvb, 0, 0, tvb.length);
    if (fit.reassembledData) top.addGenerated(fit.reassembledData, tvb, 0, tvb.length, tvb.view(0, tvb.length));
  }
  if (head.flags & (FragFlag.OVERLAP_CONFLICT | FragFlag.MULTIPLE_TAILS | FragFlag.TOO_LONG)) {
    pinfo.cols.setInfo(`[Illegal ${fit.tag}]`);
    return true;
  }
  return false;
}

/**
 * process_reassembled_data: on the completing frame, a tvb over the whole
 * datagram (a new data source) and the fragment tree; on the other frames
 * "Reassembled in #n" and null.
 */
export function processReassembledData(tvb: Tvb, offset: number, pinfo: PacketInfo, name: string, head: FragmentHead | null | undefined, fit: FragmentFields, tree: FieldNode | null): { next: Tvb | null; updateColInfo: boolean } {
  if (head && head.defragmented && pinfo.num === head.reassembledIn) {
    if (head.count > 1) {
      const next = pinfo.addDataSource(name, head.data!);
      const bad = showFragmentTree(head, fit, tree, pinfo, next);
      return { next, updateColInfo: !bad };
    }
    pinfo.fragmented = false;
    return { next: tvb.sub(offset), updateColInfo: true };
  }
  if (head && head.defragmented) tree?.addGenerated(fit.reassembledIn, tvb, 0, 0, head.reassembledIn);
  return { next: null, updateColInfo: true };
}
