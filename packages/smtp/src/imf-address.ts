import { isAsciiSpace, type FieldDef, type FieldNode, type Tvb } from '@netdissect/core';
import { imfFields } from './imf-fields.js';

/** tvb_find_guint8 within [off, off+len), clipped to the data; -1 when absent. */
export function findByte(tvb: Tvb, off: number, len: number, byte: number): number {
  const end = Math.min(tvb.length, off + Math.max(0, len));
  const b = tvb.bytes;
  for (let i = off; i < end; i++) if (b[tvb.start + i] === byte) return i;
  return -1;
}

/**
 * proto_tree_add_item for an ENC_ASCII string: -1 runs to the end, other negative lengths are malformed; the
 * value ends at a NUL, and bytes after it are "Trailing stray characters".
 */
export function addAsciiItem(tree: FieldNode, def: FieldDef, tvb: Tvb, off: number, len: number): FieldNode {
  return tree.addItem(def, tvb, off, len);
}

/** A mailbox: "Display Name <addr>" or a bare address (dissect_imf_mailbox). */
export function dissectMailbox(tvb: Tvb, off: number, len: number, item: FieldNode): void {
  const lt = findByte(tvb, off, len, 0x3c);
  if (lt === -1) {
    addAsciiItem(item, imfFields.address, tvb, off, len);
    return;
  }
  let p = off;
  while (p < lt && isAsciiSpace(tvb.u8(p))) p++;
  if (p !== lt) addAsciiItem(item, imfFields.displayName, tvb, p, lt - p - 1);
  // The search for '>' is bounded from the field start, as Wireshark bounds it.
  const gt = findByte(tvb, lt + 1, len - (lt + 1 - p), 0x3e);
  if (gt !== -1) addAsciiItem(item, imfFields.address, tvb, lt + 1, gt - lt - 1);
}

/** A mailbox or a group "name: mailbox, mailbox;" (dissect_imf_address). */
function dissectAddress(tvb: Tvb, off: number, len: number, item: FieldNode): void {
  const colon = findByte(tvb, off, len, 0x3a);
  if (colon === -1) {
    dissectMailbox(tvb, off, len, item);
    return;
  }
  const group = addAsciiItem(item, imfFields.displayName, tvb, off, colon - off - 1);
  let p = colon + 1;
  while (p < off + len && isAsciiSpace(tvb.u8(p))) p++;
  if (tvb.u8(p) !== 0x3b) dissectMailboxList(tvb, p, len - (p - off), group);
}

/** Split a comma-separated list and dissect each entry with `each`, appending ", n items". */
function dissectList(tvb: Tvb, off: number, len: number, parent: FieldNode, itemDef: FieldDef, each: (tvb: Tvb, off: number, len: number, item: FieldNode) => void): void {
  let count = 0;
  let itemOff = off;
  let comma: number;
  do {
    comma = findByte(tvb, itemOff, len - (itemOff - off), 0x2c);
    count++;
    const itemLen = comma === -1 ? len - (itemOff - off) : comma - itemOff;
    const item = addAsciiItem(parent, itemDef, tvb, itemOff, itemLen);
    each(tvb, itemOff, itemLen, item);
    if (comma !== -1) itemOff = comma + 1;
  } while (comma !== -1);
  if (parent.ctx.full) parent.appendText(`, ${count} item${count === 1 ? '' : 's'}`);
}

export function dissectMailboxList(tvb: Tvb, off: number, len: number, item: FieldNode): void {
  dissectList(tvb, off, len, item, imfFields.mailboxListItem, dissectMailbox);
}

export function dissectAddressList(tvb: Tvb, off: number, len: number, item: FieldNode): void {
  dissectList(tvb, off, len, item, imfFields.addressListItem, dissectAddress);
}
