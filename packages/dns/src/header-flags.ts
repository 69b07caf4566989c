import { addItem, isOwnNode } from '@netdissect/core';
import type { FieldDef, FieldNode, Tvb } from '@netdissect/core';
import { f } from './fields.js';
import type { DnsFlavor, DnsHeader } from './message-types.js';
import { opcodeNames, rcodeNames } from './value-strings.js';

const F_RESPONSE = 0x8000;
const F_AUTHENTIC = 0x0020;

/** The header's flags word decoded into the typed header. */
export function decodeFlags(header: DnsHeader, flags: number): void {
  header.flags = flags;
  header.response = (flags & F_RESPONSE) !== 0;
  header.opcode = (flags >> 11) & 0xf;
  header.authoritative = (flags & 0x0400) !== 0;
  header.truncated = (flags & 0x0200) !== 0;
  header.recursionDesired = (flags & 0x0100) !== 0;
  header.recursionAvailable = (flags & 0x0080) !== 0;
  header.z = (flags & 0x0040) !== 0;
  header.authenticatedData = (flags & F_AUTHENTIC) !== 0;
  header.checkingDisabled = (flags & 0x0010) !== 0;
  header.rcode = flags & 0xf;
}

/**
 * The flags item and its bits. Which bits are shown depends on the
 * direction, and LLMNR (RFC 4795) gives some of them other meanings.
 */
export function addFlagsTree(tree: FieldNode | null, tvb: Tvb, off: number, flags: number, flavor: DnsFlavor): void {
  if (tree === null) return;
  const item = addItem(tree, f.flags, tvb, off, 2);
  const response = (flags & F_RESPONSE) !== 0;
  if (isOwnNode(item, tree) && item.ctx.full) {
    const opcode = (flags >> 11) & 0xf;
    let text = ` ${opcodeNames.get(opcode) ?? 'Unknown operation'}`;
    if (response) text += ` response, ${rcodeNames.get(flags & 0xf) ?? 'Unknown error'}`;
    item.appendText(text);
  }
  const bits: FieldDef[] = [f.flagsResponse, f.flagsOpcode];
  if (flavor === 'llmnr') {
    bits.push(response ? f.flagsConflictResponse : f.flagsConflictQuery, f.flagsTruncated, f.flagsTentative);
    if (response) bits.push(f.flagsRcode);
  } else {
    if (response) bits.push(f.flagsAuthoritative);
    bits.push(f.flagsTruncated, f.flagsRecdesired);
    if (response) bits.push(f.flagsRecavail);
    bits.push(f.flagsZ);
    if (response) bits.push(f.flagsAuthenticated);
    else if (flags & F_AUTHENTIC) bits.push(f.flagsAd);
    bits.push(f.flagsCheckdisable);
    if (response) bits.push(f.flagsRcode);
  }
  for (const bit of bits) addItem(item, bit, tvb, off, 2);
}
