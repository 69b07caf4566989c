import type { FieldNode } from '../fields/field-node.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import { defineFields, FT, type FieldDef } from '../fields/field-def.js';
import { integerValueText } from '../fields/field-value-format.js';
import { hfIpOptNames, ipFields } from './ipv4-fields.js';

const eiOptLenInvalid = defineExpert('ip', 'ip.opt.len.invalid', Group.PROTOCOL, Severity.WARN, 'Invalid length for option');

const OPT = { EOL: 0, NOP: 1, LSR: 0x83, SSR: 0x89, RR: 0x07, RTRALT: 0x94 } as const;

/**
 * The options Wireshark registers as protocols of their own, whose value is
 * the option's bytes (ip.options.routeralert: 94:04:00:00); typed here as
 * bytes, which prints the same, as TCP's options are.
 */
const optionFields = defineFields('ip', {
  eol: { abbrev: 'ip.options.eol', name: 'IP Option - End of Options List (EOL)', type: FT.BYTES },
  nop: { abbrev: 'ip.options.nop', name: 'IP Option - No-Operation (NOP)', type: FT.BYTES },
  lsr: { abbrev: 'ip.options.route', name: 'IP Option - Loose Source Route', type: FT.BYTES },
  ssr: { abbrev: 'ip.options.source_route', name: 'IP Option - Strict Source Route', type: FT.BYTES },
  rr: { abbrev: 'ip.options.record_route', name: 'IP Option - Record Route', type: FT.BYTES },
  routerAlert: { abbrev: 'ip.options.routeralert', name: 'IP Option - Router Alert', type: FT.BYTES },
});
const optionField = new Map<number, FieldDef>([
  [OPT.EOL, optionFields.eol], [OPT.NOP, optionFields.nop], [OPT.LSR, optionFields.lsr], [OPT.SSR, optionFields.ssr], [OPT.RR, optionFields.rr], [OPT.RTRALT, optionFields.routerAlert],
]);

/** An option's item: its field where Wireshark has one, else a text line. */
function optionItem(tree: FieldNode, tvb: Tvb, off: number, len: number, opt: number, label: string): FieldNode {
  const def = optionField.get(opt);
  return def ? tree.add(def, tvb, off, len, tvb.view(off, len)).setText(label) : tree.addText(tvb, off, len, label);
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

function addOptionType(tvb: Tvb, off: number, tree: FieldNode): void {
  const t = tree.addItem(ipFields.optType, tvb, off, 1);
  t.addItem(ipFields.optTypeCopy, tvb, off, 1);
  t.addItem(ipFields.optTypeClass, tvb, off, 1);
  t.addItem(ipFields.optTypeNumber, tvb, off, 1);
}

function optionName(type: number): string {
  switch (type) {
    case OPT.EOL: return 'End of Options List (EOL)';
    case OPT.NOP: return 'No Operation (NOP)';
    case OPT.LSR: return 'Loose Source Route (LSR)';
    case OPT.SSR: return 'Strict Source Route (SSR)';
    case OPT.RR: return 'Record Route (RR)';
    case OPT.RTRALT: return 'Router Alert';
    default: {
      const n = hfIpOptNames.get(type & 0x1f);
      return n ?? `Unknown (0x${type.toString(16).padStart(2, '0')})`;
    }
  }
}

/** The options after the fixed IPv4 header (dissect_ip_options), each as "IP Option - Name (n bytes)". */
export function dissectIpOptions(tvb: Tvb, offset: number, length: number, pinfo: PacketInfo, optTree: FieldNode | null): void {
  while (length > 0) {
    const opt = tvb.u8(offset);
    length--;
    if (opt === OPT.EOL || opt === OPT.NOP) {
      if (optTree) {
        const item = optionItem(optTree, tvb, offset, 1, opt, `IP Option - ${optionName(opt)}`);
        addOptionType(tvb, offset, item);
      }
      offset++;
      if (opt === OPT.EOL) break;
      continue;
    }
    const name = optionName(opt);
    if (length === 0) {
      pinfo.expert(optTree, eiOptLenInvalid, `${name} (length byte past end of options)`);
      return;
    }
    const optlen = tvb.u8(offset + 1);
    length--;
    if (optlen < 2) {
      pinfo.expert(optTree, eiOptLenInvalid, `${name} (with too-short option length = ${optlen} byte${plural(optlen)})`);
      return;
    }
    if (optlen - 2 > length) {
      pinfo.expert(optTree, eiOptLenInvalid, `${name} (option length = ${optlen} byte${plural(optlen)} says option goes past end of options)`);
      return;
    }
    if (optTree) {
      const item = optionItem(optTree, tvb, offset, optlen, opt, `IP Option - ${name} (${optlen} byte${plural(optlen)})`);
      addOptionType(tvb, offset, item);
      item.addItem(ipFields.optLen, tvb, offset + 1, 1);
      if (opt === OPT.RTRALT && optlen === 4) {
        // From the value, not the item: a tree pruned to other fields has no ip.opt.ra item.
        item.addItem(ipFields.optRa, tvb, offset + 2, 2);
        item.appendText(`: ${integerValueText(ipFields.optRa, tvb.u16(offset + 2))}`);
      }
      if ((opt === OPT.RR || opt === OPT.LSR || opt === OPT.SSR) && optlen >= 3) {
        item.addItem(ipFields.optPtr, tvb, offset + 2, 1);
        for (let a = offset + 3; a + 4 <= offset + optlen; a += 4) item.addItem(ipFields.optAddr, tvb, a, 4);
      }
      optTree.appendText(`, ${name}`);
    }
    offset += optlen;
    length -= optlen - 2;
  }
}

/**
 * Where the final destination is when a source-route option is still in
 * progress (get_dst_offset): the last address of the route, else 0.
 */
export function sourceRouteDestinationOffset(tvb: Tvb, offset: number, length: number): number {
  const origOffset = offset;
  while (length > 0) {
    const opt = tvb.u8(offset);
    length--;
    if (opt === OPT.EOL) return 0;
    if (opt === OPT.NOP) {
      offset++;
      continue;
    }
    if (length === 0) return 0;
    const optlen = tvb.u8(offset + 1);
    length--;
    if (optlen < 2 || optlen - 2 > length) return 0;
    if (opt === OPT.SSR || opt === OPT.LSR) {
      const ptr = tvb.u8(offset + 2);
      if (ptr < 4 || ptr % 4 !== 0 || ptr > optlen) return 0;
      // Offset from the fixed header's destination to the route's last address.
      return offset - origOffset + optlen;
    }
    offset += optlen;
    length -= optlen - 2;
  }
  return 0;
}
