import type { FieldNode } from '../fields/field-node.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import { formatIPv4 } from '../dissection/address.js';
import { integerValueText } from '../fields/field-value-format.js';
import { ipFields } from './ipv4-fields.js';
import { addOptionType, fixedOptionHeader, optionHeader, plural, type IpOption } from './ipv4-option-header.js';
import { IPOPT, ipOptionExperts, ipOptionFields, ipOptionProtocols, knownIpOptions, qsFunctions } from './ipv4-option-fields.js';
import { addQuickStart } from './quick-start-option.js';
import { dissectCipso, dissectExtendedSecurity, dissectSecurity } from './ipv4-security-options.js';

/** An address of a route (dissect_option_route), with its host name hidden beside it. */
function routeAddress(tree: FieldNode | null, tvb: Tvb, off: number, field: 'rec' | 'src' | 'empty', next: boolean): void {
  const addr = tvb.u32(off);
  if (!tree) return;
  const [def, hostDef] = field === 'rec' ? [ipOptionFields.recRt, ipOptionFields.recRtHost] : field === 'src' ? [ipOptionFields.srcRt, ipOptionFields.srcRtHost] : [ipOptionFields.emptyRt, ipOptionFields.emptyRtHost];
  const item = tree.add(def, tvb, off, 4, addr);
  if (next) item.setValueText(`${formatIPv4(addr)} <- (next)`);
  tree.addHidden(hostDef, tvb, off, 4, formatIPv4(addr)).setGenerated();
}

/**
 * What the route options share (dissect_ipopt_route, dissect_ipopt_record_route):
 * the item, the pointer (which must point at the start of an address), then
 * `slot` for each four-byte address slot; a slot cut short ends the walk.
 */
function forEachRouteSlot(o: IpOption, slot: (item: FieldNode | null, at: number, ptr: number, len: number) => void): void {
  const { tvb } = o;
  const len = tvb.reported;
  const item = optionHeader(o, len);
  const ptr = tvb.u8(2);
  const ptrItem = item ? item.add(ipFields.optPtr, tvb, 2, 1, ptr) : null;
  // The addresses start after type, length and pointer: byte 4, one-based.
  if (ptr < 4 || ptr & 3) {
    o.pinfo.expert(ptrItem, ptr < 4 ? ipOptionExperts.ptrBeforeAddress : ipOptionExperts.ptrMiddleAddress);
    return;
  }
  for (let left = len - 3, at = 3; left > 0; left -= 4, at += 4) {
    if (left < 4) {
      o.pinfo.expert(ptrItem, ipOptionExperts.suboptTooLong);
      break;
    }
    slot(item, at, ptr, len);
  }
}

/** Loose and strict source routes: recorded hops, the next hop, the rest, the destination. */
function dissectSourceRoute(o: IpOption): void {
  const { tvb } = o;
  forEachRouteSlot(o, (item, at, ptr, len) => {
    if (ptr > len) {
      routeAddress(item, tvb, at, 'rec', false);
    } else if (at === len - 4) {
      const addr = tvb.u32(at);
      if (!item) return;
      const text = formatIPv4(addr);
      item.add(ipFields.dst, tvb, at, 4, addr);
      item.addHidden(ipFields.addr, tvb, at, 4, addr);
      item.addHidden(ipFields.dstHost, tvb, at, 4, text).setGenerated();
      item.addHidden(ipFields.host, tvb, at, 4, text).setGenerated();
    } else if (at + 1 < ptr) {
      routeAddress(item, tvb, at, 'rec', false);
    } else {
      routeAddress(item, tvb, at, 'src', at + 1 === ptr);
    }
  });
}

/** Record Route: the hops recorded so far, then the empty slots. */
function dissectRecordRoute(o: IpOption): void {
  forEachRouteSlot(o, (item, at, ptr, len) => {
    if (ptr > len || at + 1 < ptr) routeAddress(item, o.tvb, at, 'rec', false);
    else routeAddress(item, o.tvb, at, 'empty', at + 1 === ptr);
  });
}

/** Time Stamp (RFC 791): the pointer, overflow and flag, then time stamps, with addresses when the flag asks for them. */
function dissectTimestamp(o: IpOption): void {
  const { tvb, pinfo } = o;
  const item = optionHeader(o, tvb.reported);
  let optlen = tvb.reported - 3;
  const ptr = tvb.u8(2);
  if (item) {
    const note = ptr === 1 ? ' (header is full)' : ptr < 5 ? ' (points before first address)' : (ptr - 1) & 3 ? ' (points to middle of field)' : '';
    item.add(ipFields.optPtr, tvb, 2, 1, ptr).setValueText(`${ptr}${note}`);
  }
  const flag = tvb.u8(3) & 0x0f;
  item?.addItem(ipOptionFields.overflow, tvb, 3, 1);
  item?.addItem(ipOptionFields.flag, tvb, 3, 1);
  optlen--;
  let at = 4;
  const withAddress = flag === 1 || flag === 3;
  while (optlen > 0) {
    if (optlen < (withAddress ? 8 : 4)) {
      pinfo.addExpertItem(item, ipOptionExperts.suboptTooLong, tvb, at, optlen);
      break;
    }
    if (withAddress) {
      const addr = tvb.u32(at);
      item?.add(ipOptionFields.timeStampAddr, tvb, at, 4, addr).setValueText(addr === 0 ? '-' : formatIPv4(addr));
      at += 4;
      optlen -= 4;
    }
    item?.addItem(ipOptionFields.timeStamp, tvb, at, 4);
    at += 4;
    optlen -= 4;
  }
}

function dissectStreamId(o: IpOption): void {
  fixedOptionHeader(o, 4)?.addItem(ipOptionFields.sid, o.tvb, 2, 2);
}

/** MTU Probe and MTU Reply (RFC 1063). */
function dissectMtu(o: IpOption): void {
  fixedOptionHeader(o, 4)?.addItem(ipOptionFields.mtu, o.tvb, 2, 2);
}

/** Traceroute (RFC 1393). */
function dissectTraceroute(o: IpOption): void {
  const item = fixedOptionHeader(o, 12);
  if (!item) return;
  item.addItem(ipOptionFields.idNumber, o.tvb, 2, 2);
  item.addItem(ipOptionFields.ohc, o.tvb, 4, 2);
  item.addItem(ipOptionFields.rhc, o.tvb, 6, 2);
  item.addItem(ipOptionFields.originator, o.tvb, 8, 4);
}

/** Router Alert (RFC 2113): its value in the item's label. */
function dissectRouterAlert(o: IpOption): void {
  const item = fixedOptionHeader(o, 4);
  const value = o.tvb.u16(2);
  if (!item) return;
  item.addItem(ipFields.optRa, o.tvb, 2, 2);
  item.appendText(`: ${integerValueText(ipFields.optRa, value)}`);
}

/** Selective Directed Broadcast (RFC 1770): addresses, then what is left as padding. */
function dissectSdb(o: IpOption): void {
  const item = optionHeader(o, o.tvb.reported);
  if (!item) return;
  let at = 2;
  let optlen = o.tvb.reported - 2;
  for (; optlen >= 4; at += 4, optlen -= 4) item.addItem(ipFields.optAddr, o.tvb, at, 4);
  if (optlen > 0) item.addItem(ipFields.optPadding, o.tvb, at, optlen);
}

function nameOr(table: ReadonlyMap<number, string>, v: number): string {
  return table.get(v) ?? `Unknown (${v})`;
}

/** Quick-Start (RFC 4782): a rate request or report, summed up in the item's label. */
function dissectQuickStart(o: IpOption): void {
  const fn = o.tvb.u8(2) >> 4;
  const item = fixedOptionHeader(o, 8);
  item?.appendText(`: ${nameOr(qsFunctions, fn)} (${fn})`);
  addQuickStart(item, ipOptionFields, o.tvb, 2, o.ttl);
}

const optionDissectors = new Map<number, (o: IpOption) => void>([
  [IPOPT.SEC, dissectSecurity],
  [IPOPT.LSR, dissectSourceRoute],
  [IPOPT.TS, dissectTimestamp],
  [IPOPT.ESEC, dissectExtendedSecurity],
  [IPOPT.CIPSO, dissectCipso],
  [IPOPT.RR, dissectRecordRoute],
  [IPOPT.SID, dissectStreamId],
  [IPOPT.SSR, dissectSourceRoute],
  [IPOPT.MTUP, dissectMtu],
  [IPOPT.MTUR, dissectMtu],
  [IPOPT.TR, dissectTraceroute],
  [IPOPT.RTRALT, dissectRouterAlert],
  [IPOPT.SDB, dissectSdb],
  [IPOPT.QS, dissectQuickStart],
]);

/**
 * The options after the fixed IPv4 header (dissect_ip_options): EOL and
 * NOP by themselves, the options Wireshark knows by their dissectors
 * (their names appended to the Options line), others as "Unknown (0x..)".
 */
export function dissectIpOptions(tvb: Tvb, offset: number, length: number, pinfo: PacketInfo, optTree: FieldNode | null, ttl: number): void {
  let nopCount = 0;
  while (length > 0) {
    const opt = tvb.u8(offset);
    length--;
    if (opt === IPOPT.EOL || opt === IPOPT.NOP) {
      if (opt === IPOPT.NOP) {
        if (optTree && (nopCount === 0 || offset % 4)) {
          nopCount++;
          if (nopCount === 4) pinfo.expert(optTree, ipOptionExperts.fourNops);
        } else nopCount = 0;
      }
      if (optTree) {
        const field = opt === IPOPT.EOL ? ipOptionProtocols.eol : ipOptionProtocols.nop;
        const item = optTree.add(field, tvb, offset, 1, tvb.view(offset, 1)).setText(field.name);
        addOptionType(tvb, offset, item);
      }
      offset++;
      if (opt === IPOPT.EOL) break;
      continue;
    }
    const known = knownIpOptions.get(opt);
    const name = known ? known.shortName : `Unknown (0x${opt.toString(16).padStart(2, '0')})`;
    if (length === 0) {
      pinfo.addExpertItem(optTree, ipOptionExperts.lenInvalid, tvb, offset, 1, `${name} (length byte past end of options)`);
      return;
    }
    const optlen = tvb.u8(offset + 1);
    length--;
    if (optlen < 2) {
      pinfo.addExpertItem(optTree, ipOptionExperts.lenInvalid, tvb, offset, 2, `${name} (with too-short option length = ${optlen} byte${plural(optlen)})`);
      return;
    }
    if (optlen - 2 > length) {
      pinfo.addExpertItem(optTree, ipOptionExperts.lenInvalid, tvb, offset, length, `${name} (option length = ${optlen} byte${plural(optlen)} says option goes past end of options)`);
      return;
    }
    // The option's bytes must all be there, known or not, with or without a tree: an option past the
    // header's bytes ends tshark's summary as malformed here (before a fragment's Info), as crafted cuts show.
    tvb.check(offset, optlen);
    if (!known) {
      optTree?.addText(tvb, offset, optlen, `${name} (${optlen} byte${plural(optlen)})`);
    } else {
      optionDissectors.get(opt)!({ tvb: tvb.sub(offset, optlen), pinfo, tree: optTree, known, ttl });
      optTree?.appendText(`, ${name}`);
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
    if (opt === IPOPT.EOL) return 0;
    if (opt === IPOPT.NOP) {
      offset++;
      continue;
    }
    if (length === 0) return 0;
    const optlen = tvb.u8(offset + 1);
    length--;
    if (optlen < 2 || optlen - 2 > length) return 0;
    if (opt === IPOPT.SSR || opt === IPOPT.LSR) {
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
