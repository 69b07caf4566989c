import type { FieldNode } from '../fields/field-node.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import { ipFields } from './ipv4-fields.js';
import { ipOptionExperts, type KnownIpOption } from './ipv4-option-fields.js';

/** What an option's dissector is handed: its own bytes (offset 0 is the type) and the header's TTL. */
export interface IpOption {
  readonly tvb: Tvb;
  readonly pinfo: PacketInfo;
  /** The "Options" subtree the option's item goes under. */
  readonly tree: FieldNode | null;
  readonly known: KnownIpOption;
  readonly ttl: number;
}

const IPOLEN_MAX = 40;

export function plural(n: number): string {
  return n === 1 ? '' : 's';
}

export function addOptionType(tvb: Tvb, off: number, tree: FieldNode): void {
  const t = tree.addItem(ipFields.optType, tvb, off, 1);
  t.addItem(ipFields.optTypeCopy, tvb, off, 1);
  t.addItem(ipFields.optTypeClass, tvb, off, 1);
  t.addItem(ipFields.optTypeNumber, tvb, off, 1);
}

/** The option's item with its type and length (ip_var_option_header / ip_fixed_option_header), and the length's item. */
function optionHeaderItems(o: IpOption, shownLen: number): [FieldNode | null, FieldNode | null] {
  const { tvb, pinfo, tree, known } = o;
  const optlen = tvb.reported;
  if (!tree) {
    if (optlen > IPOLEN_MAX) pinfo.expert(null, ipOptionExperts.lenInvalid);
    return [null, null];
  }
  const item = tree.add(known.field, tvb, 0, optlen, tvb.view(0, Math.min(optlen, tvb.length))).setText(`${known.field.name} (${shownLen} bytes)`);
  addOptionType(tvb, 0, item);
  const lenItem = item.addItem(ipFields.optLen, tvb, 1, 1);
  if (optlen > IPOLEN_MAX) pinfo.expert(lenItem, ipOptionExperts.lenInvalid);
  return [item, lenItem];
}

/** ip_var_option_header: the item of an option of any length. */
export function optionHeader(o: IpOption, shownLen: number): FieldNode | null {
  return optionHeaderItems(o, shownLen)[0];
}

/** ip_fixed_option_header: an option of one size only, which says so when its length byte disagrees. */
export function fixedOptionHeader(o: IpOption, len: number): FieldNode | null {
  const optlen = o.tvb.reported;
  const [item, lenItem] = optionHeaderItems(o, len);
  if (len !== optlen) {
    o.pinfo.expert(lenItem, ipOptionExperts.lenInvalid, `${o.known.shortName} (with option length = ${optlen} byte${plural(optlen)}; should be ${len})`);
  }
  return item;
}

