// Wireshark's proto_tree_add_* calls as dissectors make them with or without
// a tree: the bounds checks they make either way (subtrees included), and
// string items cut at a NUL.
import { BoundsKind, DissectorBoundsError } from '../dissection/dissector-errors.js';
import type { Tvb } from '../dissection/tvb.js';
import { decodeAscii } from './ascii-decoding.js';
import type { FieldDef } from './field-def.js';
import { addTrailingStrayExpert, runsToTheEnd, type FieldNode } from './field-node.js';
import { FT } from './field-types.js';
import { decodeUtf8 } from './utf8-decoding.js';

function reportedError(): never {
  throw new DissectorBoundsError(BoundsKind.Reported);
}

/**
 * The length proto_tree_add_item would use, with its bounds checks, which
 * Wireshark makes whether or not a tree is being built: -1 means "to the
 * end" for byte, string and text-only fields; other negative lengths are
 * malformed.
 */
function checkedLength(def: FieldDef, tvb: Tvb, off: number, len: number): number {
  // get_hfi_length: "to the end" needs a byte there (unless the data is empty), and test_length then checks the
  // offset, so an item starting past the data fails by it: a capture cut is "[Packet size limited during capture]".
  if (len === -1 && runsToTheEnd(def.type)) {
    const rest = tvb.lengthToEnd(off);
    tvb.check(off, rest);
    return rest;
  }
  if (def.type === FT.NONE || def.type === FT.PROTOCOL) {
    // Any other length is clipped to the captured data (0 past it) and what is left checked.
    const remaining = off <= tvb.length ? tvb.length - off : 0;
    const n = len < 0 || (len > 0 && remaining < len) ? remaining : len;
    tvb.check(off, n);
    return n;
  }
  if (len < 0) reportedError();
  tvb.check(off, len);
  return len;
}

/** proto_tree_add_item: the node added (the parent itself in a pruned tree), null without a tree. */
export function addItem(tree: FieldNode | null, def: FieldDef, tvb: Tvb, off: number, len: number, littleEndian = false): FieldNode | null {
  const n = checkedLength(def, tvb, off, len);
  return tree ? tree.addItem(def, tvb, off, n, littleEndian) : null;
}

/**
 * An ENC_ASCII string item: bytes above 0x7f become U+FFFD and the value
 * stops at the first NUL, as Wireshark 4.0 keeps string values as C
 * strings. Returns the value.
 */
export function addAsciiItem(tree: FieldNode | null, def: FieldDef, tvb: Tvb, off: number, len: number): string {
  const n = checkedLength(def, tvb, off, len);
  const bytes = tvb.view(off, n);
  return addStringItem(tree, def, tvb, off, bytes, decodeAscii(bytes));
}

/** An ENC_UTF_8 string item (invalid sequences become U+FFFD), cut at the first NUL. */
export function addUtf8Item(tree: FieldNode | null, def: FieldDef, tvb: Tvb, off: number, len: number): string {
  const n = checkedLength(def, tvb, off, len);
  const bytes = tvb.view(off, n);
  return addStringItem(tree, def, tvb, off, bytes, decodeUtf8(bytes));
}

function addStringItem(tree: FieldNode | null, def: FieldDef, tvb: Tvb, off: number, bytes: Uint8Array, decoded: string): string {
  const value = cString(decoded);
  if (tree === null) return value;
  const item = tree.add(def, tvb, off, bytes.length, value);
  // A pruned tree's stand-in passes the warning on to its nearest kept item, when expert items are kept at all.
  const keeps = !item.isStandIn || item.ctx.keepsExpertItems;
  if (keeps && value.length !== decoded.length) addTrailingStrayExpert(item, bytes, value);
  return value;
}

/** The string as far as its first NUL (a C string). */
export function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

/**
 * Whether `node` is an item of its own, neither the parent itself (a subtree
 * a pruned tree does not make) nor the stand-in it hands back for a field it
 * does not keep: for labels and lengths. Expert items go on stand-ins too
 * (they pass them on to the nearest kept item).
 */
export function isOwnNode(node: FieldNode | null, parent: FieldNode | null): node is FieldNode {
  return node !== null && node !== parent && !node.isStandIn;
}

/** proto_item_append_text, only on items that exist and carry labels. */
export function appendLabel(node: FieldNode | null, parent: FieldNode | null, text: () => string): void {
  if (isOwnNode(node, parent) && node.ctx.full) node.appendText(text());
}

/**
 * proto_tree_add_subtree: a text item to hang fields under. In a pruned
 * tree the fields go to `tree` itself; `label` is only built for full trees.
 * Like Wireshark 4.0's (proto_tree_add_text_valist_internal), it checks its
 * bytes exist before it looks at the tree, so a tshark summary line (no tree)
 * stops there too; where Wireshark makes the subtree only with a tree (DNS
 * records, HTTP chunks), the caller does not call this without one.
 */
export function addSubtree(tree: FieldNode | null, tvb: Tvb, off: number, len: number, label: () => string): FieldNode | null {
  // "To the end" needs a byte there, unless the data is empty; a given length must be there.
  if (len < 0) len = tvb.lengthToEnd(off);
  else tvb.check(off, len);
  if (tree === null) return null;
  if (tree.ctx.interest !== null) return tree;
  return tree.addText(tvb, off, len, label());
}

/**
 * proto_tree_add_bitmask's label: each set flag by name, each named value as
 * "name: value" (integers without names and clear flags say nothing).
 */
export function appendBitmaskLabel(item: FieldNode | null, parent: FieldNode | null, value: number, defs: readonly FieldDef[]): void {
  appendLabel(item, parent, () => {
    let text = '';
    for (const def of defs) {
      const mask = def.bitmask ?? 0;
      const v = (value & mask) >>> Math.log2(mask & -mask);
      if (def.strings) text += `, ${def.name}: ${def.strings.get(v) ?? 'Unknown'}`;
      else if (def.type === FT.BOOLEAN && v) text += `, ${def.name}`;
    }
    return text;
  });
}

/** proto_tree_add_bitmask: the field, its label, and each bit field under it; returns the field's node (as addItem). */
export function addBitmask(tree: FieldNode | null, def: FieldDef, tvb: Tvb, at: number, len: number, value: number, defs: readonly FieldDef[]): FieldNode | null {
  const item = addItem(tree, def, tvb, at, len);
  appendBitmaskLabel(item, tree, value, defs);
  // A pruned tree's stand-in still takes the bits that are kept.
  if (item) for (const d of defs) item.addItem(d, tvb, at, len);
  return item;
}
