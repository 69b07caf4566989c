import { addExpertTree, decodeAscii, defineExpert, Group, Severity, type FieldDef, type FieldNode, type Tvb } from '@netdissect/core';

/** proto.c's ei_string_trailing_characters (core's addItem does not raise it yet). */
const eiTrailingStray = defineExpert('_ws.string', '_ws.string.trailing_stray_characters', Group.UNDECODED, Severity.WARN, 'Trailing stray characters');

/** An ENC_ASCII string read as Wireshark stores it: up to the first NUL. */
export function asciiCString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return decodeAscii(nul < 0 ? bytes : bytes.subarray(0, nul));
}

/**
 * proto_tree_add_item for an FT_STRING with ENC_ASCII: the value stops at
 * a NUL, and anything but NULs after it is flagged in the tree.
 */
export function addAsciiItem(tree: FieldNode, def: FieldDef, tvb: Tvb, off: number, len: number): FieldNode {
  const bytes = tvb.view(off, len);
  const nul = bytes.indexOf(0);
  const item = tree.add(def, tvb, off, len, decodeAscii(nul < 0 ? bytes : bytes.subarray(0, nul)));
  if (nul >= 0 && item !== tree && bytes.subarray(nul).some((b) => b !== 0)) addExpertTree(item, eiTrailingStray, eiTrailingStray.summary);
  return item;
}
