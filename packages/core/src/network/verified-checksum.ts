import type { FieldDef } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import type { ExpertDef } from '../dissection/expert.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import { hex4 } from '../link/hex.js';

/** The checksum field of a header and its generated status field. */
export interface ChecksumFields {
  readonly checksum: FieldDef;
  readonly status: FieldDef;
  /** The expert raised when the checksum is wrong ("Bad checksum"). */
  readonly bad: ExpertDef;
}

/**
 * in_cksum_shouldbe: the value the checksum field should have held, from
 * the field and the complement sum `computed` came to over the data with it
 * (internetChecksum: 0 when the data checks out).
 */
export function checksumShouldBe(sum: number, computed: number): number {
  let s = sum + computed;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s & 0xffff;
}

/**
 * proto_tree_add_checksum with PROTO_CHECKSUM_VERIFY | PROTO_CHECKSUM_IN_CKSUM:
 * "[correct]", or "incorrect, should be 0x...." with the bad-checksum expert
 * under the item saying the same; then the status (Good or Bad).
 */
export function addVerifiedChecksum(pinfo: PacketInfo, tree: FieldNode | null, fields: ChecksumFields, tvb: Tvb, off: number, sum: number, computed: number): FieldNode | null {
  let item: FieldNode | null;
  if (computed === 0) {
    item = tree ? tree.add(fields.checksum, tvb, off, 2, sum).appendText(' [correct]') : null;
  } else {
    const should = hex4(checksumShouldBe(sum, computed));
    item = tree ? tree.add(fields.checksum, tvb, off, 2, sum).appendText(` incorrect, should be 0x${should}`) : null;
    pinfo.expert(item, fields.bad, `${fields.bad.summary} [should be 0x${should}]`);
  }
  tree?.addGenerated(fields.status, tvb, off, 0, computed === 0 ? 1 : 0);
  return item;
}
