// The IPv6 IOAM option (RFC 9486) as Wireshark 4.0 decodes it: its option
// type, and for the trace types the trace header and each node's data list
// (RFC 9197) as its trace type says. The option's own length is only checked:
// what is read comes from the type and NodeLen fields, so a short option
// reads on into what follows it (the caller goes on after what was read).
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import type { FieldDef } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import { bitPicture } from '../fields/field-value-format.js';
import { addBitmask, addItem, addSubtree, isOwnNode } from '../fields/proto-tree-items.js';
import { ioamOptionTypes, ipv6OptionFields as f } from './ipv6-option-fields.js';

const eiInvalidNodeLen = defineExpert('ipv6', 'ipv6.opt.ioam.trace.invalid_nodelen', Group.PROTOCOL, Severity.ERROR, 'Invalid "NodeLen" value: cannot be 0');
const eiInvalidRemLen = defineExpert('ipv6', 'ipv6.opt.ioam.trace.invalid_remlen', Group.PROTOCOL, Severity.ERROR, 'Invalid "RemLen" value');
const eiInvalidType = defineExpert('ipv6', 'ipv6.opt.ioam.trace.invalid_type', Group.PROTOCOL, Severity.ERROR, 'Mismatch between Trace Type and NodeLen');

const OSS_BIT = 0x000002;
const TRACE_FLAGS = [f.traceFlagO, f.traceFlagL, f.traceFlagA, f.traceFlagRsv];
const TRACE_TYPE_BITS = [
  f.traceTypeBit0, f.traceTypeBit1, f.traceTypeBit2, f.traceTypeBit3, f.traceTypeBit4, f.traceTypeBit5, f.traceTypeBit6, f.traceTypeBit7,
  f.traceTypeBit8, f.traceTypeBit9, f.traceTypeBit10, f.traceTypeBit11, f.traceTypeUndef, f.traceTypeBit22, f.traceTypeRsv,
];

/** What each trace type bit (from the most significant) adds to a node's data: a pair under a subtree, or one field. */
type NodePart = { label: string; first: FieldDef; firstLen: number; second: FieldDef; size: number } | { field: FieldDef; size: number };
const NODE_PARTS: readonly NodePart[] = [
  { label: 'Hop_Lim and Node ID (short)', first: f.nodeHlim, firstLen: 1, second: f.nodeId, size: 4 },
  { label: 'Ingress and Egress IDs (short)', first: f.nodeIif, firstLen: 2, second: f.nodeEif, size: 4 },
  { field: f.nodeTss, size: 4 },
  { field: f.nodeTsf, size: 4 },
  { field: f.nodeTrDelay, size: 4 },
  { field: f.nodeNsData, size: 4 },
  { field: f.nodeQDepth, size: 4 },
  { field: f.nodeCsum, size: 4 },
  { label: 'Hop_Lim and Node ID (wide)', first: f.nodeHlim, firstLen: 1, second: f.nodeIdWide, size: 8 },
  { label: 'Ingress and Egress IDs (wide)', first: f.nodeIifWide, firstLen: 4, second: f.nodeEifWide, size: 8 },
  { field: f.nodeNsDataWide, size: 8 },
  { field: f.nodeBufOccup, size: 4 },
  // Bits 12 to 21 are undefined: four bytes each all the same.
  ...Array.from({ length: 10 }, () => ({ field: f.nodeUndefined, size: 4 })),
];

/** proto_tree_add_bits_item within one byte: the value's bits pictured in that byte. */
function addBitsInByte(tree: FieldNode | null, def: FieldDef, tvb: Tvb, at: number, mask: number, shift: number): { item: FieldNode | null; value: number } {
  const value = (tvb.u8(at) & mask) >> shift;
  const item = tree ? tree.add(def, tvb, at, 1, value) : null;
  if (isOwnNode(item, tree) && item.ctx.full) item.setText(`${bitPicture(mask, value, shift, 8)} = ${def.name}: ${value}`);
  return { item, value };
}

/** The option's value at `at` (after its type and length): returns the offset after what was read. */
export function dissectIoamOption(tvb: Tvb, at: number, optLen: number, o: FieldNode | null, pinfo: PacketInfo, invalidLen: () => void): number {
  if (optLen < 2) invalidLen();
  addItem(o, f.ioamRsv, tvb, at, 1);
  const type = tvb.u8(at + 1);
  addItem(o, f.ioamOptType, tvb, at + 1, 1);
  const typeTree = addSubtree(o, tvb, at + 2, optLen - 2, () => ioamOptionTypes.get(type) ?? 'Unknown Option-Type');
  if (type === 0 || type === 1) return dissectTrace(tvb, at + 2, optLen, typeTree, pinfo, invalidLen);
  return at + 2;
}

function dissectTrace(tvb: Tvb, at: number, optLen: number, t: FieldNode | null, pinfo: PacketInfo, invalidLen: () => void): number {
  if (optLen < 10) invalidLen();
  addItem(t, f.traceNs, tvb, at, 2);
  at += 2;
  const nodeLen = addBitsInByte(t, f.traceNodeLen, tvb, at, 0xf8, 3);
  if (!nodeLen.value) pinfo.expert(nodeLen.item, eiInvalidNodeLen);
  addBitmask(t, f.traceFlags, tvb, at, 2, tvb.u16(at), TRACE_FLAGS);
  const remLen = addBitsInByte(t, f.traceRemLen, tvb, at + 1, 0x7f, 0);
  // opt_len - 10 in C's int arithmetic: negative for a short option, so any RemLen is too long.
  const room = optLen - 10;
  if (remLen.value * 4 > room) pinfo.expert(remLen.item, eiInvalidRemLen, `IOAM RemLen: Invalid length (${remLen.value * 4} bytes)`);
  at += 2;
  const traceType = tvb.u24(at);
  const typeItem = addBitmask(t, f.traceType, tvb, at, 3, traceType, TRACE_TYPE_BITS);
  addItem(t, f.traceRsv, tvb, at + 3, 1);
  at += 4;
  if (!nodeLen.value || remLen.value * 4 > room) return at;

  const data = addSubtree(t, tvb, at, room, () => 'Trace Data');
  if (remLen.value) {
    addItem(data, f.traceFreeSpace, tvb, at, remLen.value * 4);
    at += remLen.value * 4;
  }
  const nodeSize = nodeLen.value * 4;
  // A guint16 in packet-ipv6.c.
  let left = (room - remLen.value * 4) & 0xffff;
  for (let n = 1; left && left >= nodeSize; n++) {
    const node = addSubtree(data, tvb, at, nodeSize, () => `Node ${n}`);
    const next = dissectNode(tvb, at, node, traceType);
    if (next - at !== nodeSize) {
      pinfo.expert(typeItem, eiInvalidType);
      return at;
    }
    at = next;
    left -= nodeSize;
    if (traceType & OSS_BIT) {
      if (left < 4) {
        invalidLen();
        return at;
      }
      const ossLen = tvb.u8(at);
      const oss = addSubtree(node, tvb, at, (ossLen + 1) * 4, () => 'Opaque State Snapshot');
      addItem(oss, f.ossLen, tvb, at, 1);
      addItem(oss, f.ossScid, tvb, at + 1, 3);
      at += 4;
      left -= 4;
      if (left < ossLen * 4) {
        invalidLen();
        return at;
      }
      if (ossLen > 0) {
        addItem(oss, f.ossData, tvb, at, ossLen * 4);
        left -= ossLen * 4;
        at += ossLen * 4;
      }
    }
  }
  if (left) invalidLen();
  return at;
}

/** One node's data list: the parts its trace type's bits 0 to 21 select, in order. */
function dissectNode(tvb: Tvb, at: number, node: FieldNode | null, traceType: number): number {
  NODE_PARTS.forEach((part, bit) => {
    if (!(traceType & (0x800000 >>> bit))) return;
    if ('field' in part) {
      addItem(node, part.field, tvb, at, part.size);
    } else {
      const sub = addSubtree(node, tvb, at, part.size, () => part.label);
      addItem(sub, part.first, tvb, at, part.firstLen);
      addItem(sub, part.second, tvb, at + part.firstLen, part.size - part.firstLen);
    }
    at += part.size;
  });
  return at;
}
