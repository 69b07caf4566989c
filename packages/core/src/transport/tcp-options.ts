import type { FieldNode } from '../fields/field-node.js';
// proto_tree_add_item checks that its bytes exist with or without a tree: a cut option throws where tshark's does.
import { addItem } from '../fields/proto-tree-items.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import type { TcpAnalysis } from './tcp-conversation.js';
import { TH } from './tcp-conversation.js';
import { QS_RATES, tcpExpert, tcpFields, tcpOptionProtos } from './tcp-fields.js';
import { geSeq, leSeq, ltSeq, u32 } from './tcp-seq.js';
import type { TransportInfoText } from './transport-info-text.js';

/** The parts of the header the options need (struct tcpheader). */
export interface TcpHeaderInfo {
  flags: number;
  /** The ack as shown: relative unless tcp.relative_sequence_numbers is off. */
  ack: number;
  /** tcp.relative_sequence_numbers, as the header read it: SACK edges follow it. */
  relative: boolean;
  sackLeft: number[];
  sackRight: number[];
  numSackRanges: number;
  /** The segment's Info text, or null when the column is not written. */
  info: TransportInfoText | null;
}

const KIND = { EOL: 0, NOP: 1, MSS: 2, WINDOW: 3, SACK_PERM: 4, SACK: 5, ECHO: 6, ECHOREPLY: 7, TIMESTAMP: 8, CC: 11, CCNEW: 12, CCECHO: 13, MD5: 19, SCPS: 20, SNACK: 21, SCPS_REC: 22, SCPS_COR: 23, QS: 27, USER_TO: 28, AO: 29, TFO: 34, EXP1: 253, EXP2: 254 } as const;
/** Short names of the option dissectors, as the "Options: (n bytes), ..." summary lists them. */
const OPTION_NAMES: Record<number, string> = {
  2: 'Maximum segment size', 3: 'Window scale', 4: 'SACK permitted', 5: 'SACK', 6: 'Echo', 7: 'Echo reply', 8: 'Timestamps', 11: 'CC', 12: 'CC.NEW', 13: 'CC.ECHO',
  19: 'TCP MD5 signature', 20: 'SCPS capabilities', 21: 'Selective Negative Acknowledgment', 22: 'SCPS record boundary', 23: 'SCPS corruption experienced',
  27: 'Quick-Start', 28: 'User Timeout', 29: 'TCP AO', 30: 'MPTCP', 34: 'TCP Fast Open', 76: 'Riverbed Probe', 78: 'Riverbed Transparency',
  172: 'Accurate ECN', 174: 'Accurate ECN', 253: 'Experimental', 254: 'Experimental',
};

function infoUint(hdr: TcpHeaderInfo, abbrev: string, v: number): void {
  hdr.info?.option(` ${abbrev}=${v}`);
}

function lenCheck(pinfo: PacketInfo, lenItem: FieldNode | null, len: number, want: number): boolean {
  if (len !== want) {
    pinfo.expert(lenItem, tcpExpert.optLenInvalid, `option length should be ${want}`);
    return false;
  }
  return true;
}

/** The option's display name, as the "Options: (n bytes), Maximum segment size, ..." summary lists it. */
function optionName(kind: number): string {
  return OPTION_NAMES[kind] ?? `Unknown (0x${kind.toString(16).padStart(2, '0')})`;
}

/** The kind and length items of an option; returns the length item. */
function addKindLen(proto: FieldNode | null, tvb: Tvb): FieldNode | null {
  proto?.addItem(tcpFields.optionKind, tvb, 0, 1);
  return proto ? proto.addItem(tcpFields.optionLen, tvb, 1, 1) : null;
}

/** TCP Fast Open's cookie request (`len` 2: the kind and length, or the experiment identifier) or its cookie after them. */
function fastOpenPayload(tvb: Tvb, at: number, len: number, item: FieldNode | null, hdr: TcpHeaderInfo): void {
  if (len === 2) {
    item?.add(tcpFields.optionTfoRequest, tvb, at, 2, null);
    hdr.info?.option(' TFO=R');
  } else if (len > 2) {
    addItem(item, tcpFields.optionTfoCookie, tvb, at + 2, len - 2);
    hdr.info?.option(' TFO=C');
  }
}

/** One option with a length byte. */
function dissectOption(kind: number, tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, hdr: TcpHeaderInfo, tcpd: TcpAnalysis | null): void {
  const len = tvb.reported;
  // Labels only for a tree that shows them (not a pruned one: their text would be built to be dropped).
  const labels = tree !== null && tree.ctx.full;
  switch (kind) {
    case KIND.MSS: {
      const item = tree ? tree.addItem(tcpOptionProtos.mss, tvb, 0, -1) : null;
      if (!(hdr.flags & TH.SYN)) pinfo.expert(item, tcpExpert.mssPresent);
      const lenItem = addKindLen(item, tvb);
      if (!lenCheck(pinfo, lenItem, len, 4)) break;
      const mss = tvb.u16(2);
      item?.add(tcpFields.optionMssVal, tvb, 2, 2, mss);
      if (labels) item?.appendText(`: ${mss} bytes`);
      infoUint(hdr, 'MSS', mss);
      break;
    }
    case KIND.WINDOW: {
      const item = tree ? tree.addItem(tcpOptionProtos.wscale, tvb, 0, -1) : null;
      const lenItem = addKindLen(item, tvb);
      if (!lenCheck(pinfo, lenItem, len, 3)) break;
      let shift = tvb.u8(2);
      const shiftItem = item ? item.add(tcpFields.optionWscaleShift, tvb, 2, 1, shift) : null;
      if (shift > 14) {
        shift = 14;
        pinfo.expert(shiftItem, tcpExpert.wscaleShiftInvalid);
      }
      item?.addGenerated(tcpFields.optionWscaleMultiplier, tvb, 2, 1, 1 << shift);
      if (labels) item?.appendText(`: ${tvb.u8(2)} (multiply by ${1 << shift})`);
      infoUint(hdr, 'WS', 1 << shift);
      if (!pinfo.visited && tcpd) tcpd.fwd.winScale = shift;
      break;
    }
    case KIND.SACK_PERM: {
      const item = tree ? tree.addItem(tcpOptionProtos.sackPerm, tvb, 0, -1) : null;
      const lenItem = addKindLen(item, tvb);
      hdr.info?.option(' SACK_PERM');
      lenCheck(pinfo, lenItem, len, 2);
      break;
    }
    case KIND.SACK: {
      let baseAck = 0;
      const rel = hdr.relative ? ' (relative)' : '';
      if (tcpd) {
        if (hdr.relative) baseAck = tcpd.rev.baseSeq;
        tcpd.fwd.numSackRanges = 0;
      }
      const item = tree ? tree.addItem(tcpOptionProtos.sack, tvb, 0, -1) : null;
      addKindLen(item, tvb);
      let off = 2;
      let optlen = len - 2;
      const sackoffset = off;
      let ranges = 0;
      while (optlen > 0) {
        if (optlen < 4) {
          pinfo.addExpertItem(item, tcpExpert.suboptionMalformed, tvb, off, optlen);
          break;
        }
        const left = u32(tvb.u32(off) - baseAck);
        const leItem = item?.add(tcpFields.optionSackLe, tvb, off, 4, left);
        if (labels) leItem?.setText(`left edge = ${left}${rel}`);
        optlen -= 4;
        if (optlen < 4) {
          pinfo.addExpertItem(item, tcpExpert.suboptionMalformed, tvb, off + 4, optlen);
          break;
        }
        const right = u32(tvb.u32(off + 4) - baseAck);
        optlen -= 4;
        const reItem = item?.add(tcpFields.optionSackRe, tvb, off + 4, 4, right);
        if (labels) reItem?.setText(`right edge = ${right}${rel}`);
        infoUint(hdr, 'SLE', left);
        infoUint(hdr, 'SRE', right);
        ranges++;
        if (tcpd && ranges < 4) {
          tcpd.fwd.numSackRanges = ranges;
          tcpd.fwd.sackLeft[ranges] = left;
          tcpd.fwd.sackRight[ranges] = right;
        }
        if (hdr.numSackRanges < 4) {
          hdr.sackLeft[hdr.numSackRanges] = left;
          hdr.sackRight[hdr.numSackRanges] = right;
          hdr.numSackRanges++;
        }
        if (labels) item?.appendText(` ${left}-${right}`);
        off += 8;
      }
      item?.addGenerated(tcpFields.optionSackCount, tvb, 0, 0, ranges);
      const r0 = hdr.sackRight[0] ?? 0;
      if (leSeq(r0, hdr.ack) || (hdr.numSackRanges > 1 && ltSeq(hdr.sackLeft[1]!, r0) && geSeq(hdr.sackRight[1]!, r0))) {
        const l = u32(tvb.u32(sackoffset) - baseAck);
        item?.addGenerated(tcpFields.optionSackDsackLe, tvb, sackoffset, 4, l).setText(`D-SACK Left Edge = ${l}${rel}`);
        const r = u32(tvb.u32(sackoffset + 4) - baseAck);
        item?.addGenerated(tcpFields.optionSackDsackRe, tvb, sackoffset + 4, 4, r).setText(`D-SACK Right Edge = ${r}${rel}`);
        pinfo.addExpertItem(item, tcpExpert.sackDsack, tvb, sackoffset, 8);
      }
      break;
    }
    case KIND.ECHO: case KIND.ECHOREPLY: {
      // Wireshark 4.0 shows an echo reply as an echo (its item and its Info tag).
      const item = tree ? tree.addItem(tcpOptionProtos.echo, tvb, 0, -1) : null;
      const lenItem = addKindLen(item, tvb);
      if (!lenCheck(pinfo, lenItem, len, 6)) break;
      const v = tvb.u32(2);
      item?.add(tcpFields.optionEcho, tvb, 2, 4, v);
      if (labels) item?.appendText(`: ${v}`);
      infoUint(hdr, 'ECHO', v);
      break;
    }
    case KIND.TIMESTAMP: {
      const item = tree ? tree.addItem(tcpOptionProtos.timestamp, tvb, 0, -1) : null;
      const lenItem = addKindLen(item, tvb);
      if (!lenCheck(pinfo, lenItem, len, 10)) break;
      // Each value added as it is read: an option cut short keeps the TSval it has.
      const tsval = tvb.u32(2);
      item?.add(tcpFields.optionTsval, tvb, 2, 4, tsval);
      const tsecr = tvb.u32(6);
      item?.add(tcpFields.optionTsecr, tvb, 6, 4, tsecr);
      if (labels) item?.appendText(`: TSval ${tsval}, TSecr ${tsecr}`);
      hdr.info?.timestamps(tsval, tsecr);
      break;
    }
    case KIND.CC: case KIND.CCNEW: case KIND.CCECHO: {
      // RFC 1644's connection counts (T/TCP, historic).
      const item = tree ? tree.addItem(tcpOptionProtos.cc, tvb, 0, -1) : null;
      const lenItem = addKindLen(item, tvb);
      if (!lenCheck(pinfo, lenItem, len, 6)) break;
      const v = tvb.u32(2);
      item?.add(tcpFields.optionCc, tvb, 2, 4, v);
      infoUint(hdr, 'CC', v);
      break;
    }
    case KIND.MD5: {
      // RFC 2385: a signature over the segment, which only the peers' shared key can check.
      const item = tree ? tree.addItem(tcpOptionProtos.md5, tvb, 0, -1) : null;
      const lenItem = addKindLen(item, tvb);
      hdr.info?.option(' MD5');
      if (!lenCheck(pinfo, lenItem, len, 18)) break;
      addItem(item, tcpFields.optionMd5Digest, tvb, 2, 16);
      break;
    }
    case KIND.AO: {
      // RFC 5925's authentication option: the key the MAC was made with, the key the sender wants next, the MAC.
      const item = tree ? tree.addItem(tcpOptionProtos.ao, tvb, 0, -1) : null;
      const lenItem = addKindLen(item, tvb);
      // Wireshark 4.0 appends it to Info without a space, whatever the length.
      hdr.info?.option('TCP AO');
      if (len < 4) {
        pinfo.expert(lenItem, tcpExpert.optLenInvalid, 'option length should be >= than 4');
        break;
      }
      addItem(item, tcpFields.optionAoKeyId, tvb, 2, 1);
      addItem(item, tcpFields.optionAoRNextKeyId, tvb, 3, 1);
      if (len > 4) addItem(item, tcpFields.optionAoMac, tvb, 4, len - 4);
      break;
    }
    case KIND.SCPS:
      dissectScpsOption(tvb, len, tree, hdr, tcpd);
      break;
    case KIND.SCPS_REC: case KIND.SCPS_COR: {
      // SCPS-TP's record boundary and corruption experienced options: the kind and a length that should be 2.
      const item = tree ? tree.addItem(kind === KIND.SCPS_REC ? tcpOptionProtos.scpsRec : tcpOptionProtos.scpsCor, tvb, 0, -1) : null;
      lenCheck(pinfo, addKindLen(item, tvb), len, 2);
      break;
    }
    case KIND.SNACK: {
      // SCPS-TP's selective negative acknowledgment: a hole's offset and size in segments.
      const item = tree ? tree.addItem(tcpOptionProtos.snack, tvb, 0, -1) : null;
      const lenItem = addKindLen(item, tvb);
      if (!lenCheck(pinfo, lenItem, len, 6)) break;
      addItem(item, tcpFields.optionSnackOffset, tvb, 2, 2);
      addItem(item, tcpFields.optionSnackSize, tvb, 4, 2);
      // dissect_tcpopt_snack then reads the acknowledgment number at the option's offset 8, past its six bytes:
      // in tshark 4.0 a SNACK option always ends the dissection as malformed, before the hole's edges.
      tvb.u32(8);
      break;
    }
    case KIND.QS: {
      // RFC 4782's Quick-Start request: a rate in its low nibble and a TTL difference.
      const item = tree ? tree.addItem(tcpOptionProtos.qs, tvb, 0, -1) : null;
      const lenItem = addKindLen(item, tvb);
      if (!lenCheck(pinfo, lenItem, len, 8)) break;
      hdr.info?.option(` QSresp=${QS_RATES.get(tvb.u8(2) & 0x0f)}`);
      addItem(item, tcpFields.optionQsRate, tvb, 2, 1);
      addItem(item, tcpFields.optionQsTtlDiff, tvb, 3, 1);
      break;
    }
    case KIND.USER_TO: {
      // RFC 5482: how long the sender waits for data to be acknowledged before it gives up.
      const item = tree ? tree.addItem(tcpOptionProtos.userTo, tvb, 0, -1) : null;
      const lenItem = addKindLen(item, tvb);
      if (!lenCheck(pinfo, lenItem, len, 4)) break;
      addItem(item, tcpFields.optionUserToGranularity, tvb, 2, 2);
      item?.addItem(tcpFields.optionUserToVal, tvb, 2, 2);
      infoUint(hdr, 'USER_TO', tvb.u16(2) & 0x7fff);
      break;
    }
    case KIND.TFO: {
      const item = tree ? tree.addItem(tcpOptionProtos.tfo, tvb, 0, -1) : null;
      addKindLen(item, tvb);
      fastOpenPayload(tvb, 0, len, item, hdr);
      break;
    }
    case KIND.EXP1: case KIND.EXP2: {
      // RFC 6994: shared experimental options, told apart by a 16-bit experiment identifier.
      const item = tree ? tree.addItem(tcpOptionProtos.experimental, tvb, 0, -1) : null;
      const lenItem = addKindLen(item, tvb);
      if (len < 4) {
        pinfo.expert(lenItem, tcpExpert.optLenInvalid, `option length ${len} smaller than 4`);
        break;
      }
      const exid = tvb.u16(2);
      item?.addItem(tcpFields.optionExpExid, tvb, 2, 2);
      if (labels) item!.appendText(`: ${tcpFields.optionExpExid.strings!.get(exid) ?? 'Unknown'}`);
      if (exid === 0xf989) {
        // TCP Fast Open before its own kind (34): the same cookie or request after the identifier.
        fastOpenPayload(tvb, 2, len - 2, item, hdr);
      } else {
        if (len > 4) addItem(item, tcpFields.optionExpData, tvb, 4, len - 4);
        hdr.info?.option(` ExID=${exid.toString(16).toUpperCase()}`);
      }
      break;
    }
    default: {
      const item = tree ? tree.addItem(tcpOptionProtos.unknown, tvb, 0, -1) : null;
      addKindLen(item, tvb);
      if (len > 2) addItem(item, tcpFields.optionUnknownPayload, tvb, 2, len - 2);
    }
  }
}

const SCPS_CAPABILITIES: readonly [number, string][] = [[0x80, 'BETS'], [0x40, 'SNACK1'], [0x20, 'SNACK2'], [0x10, 'COMP'], [0x08, 'NLTS'], [0x07, 'RESERVED']];
const SCPS_FLAG_FIELDS = [tcpFields.optionScpsBets, tcpFields.optionScpsSnack1, tcpFields.optionScpsSnack2, tcpFields.optionScpsCompress, tcpFields.optionScpsNlts, tcpFields.optionScpsReserved];

/**
 * SCPS-TP's capabilities option (CCSDS 714.0-B-2): four bytes say what the
 * sender can do and make its side SCPS-capable; any other length is the
 * extended capabilities, binding spaces of opaque data, legal only from a
 * side that has sent the four-byte form (dissect_tcpopt_scps).
 */
function dissectScpsOption(tvb: Tvb, len: number, tree: FieldNode | null, hdr: TcpHeaderInfo, tcpd: TcpAnalysis | null): void {
  const item = tree ? tree.addItem(tcpOptionProtos.scps, tvb, 0, -1) : null;
  const labels = item !== null && item.ctx.full;
  addKindLen(item, tvb);
  // The side by its addresses (then ports), as the analysis picks its forward flow.
  const flow = tcpd?.fwd ?? null;
  if (len === 4) {
    const vectorItem = addItem(item, tcpFields.optionScpsVector, tvb, 2, 1);
    for (const def of SCPS_FLAG_FIELDS) vectorItem?.addItem(def, tvb, 2, 1);
    const vector = tvb.u8(2);
    if (vector !== 0) {
      const names = SCPS_CAPABILITIES.filter(([mask]) => vector & mask).map(([, name]) => name);
      hdr.info?.option(` SCPS[${names.join(', ')}]`);
      if (labels && vectorItem) vectorItem.appendText(` (${names.join(', ')})`);
    }
    addItem(item, tcpFields.optionScpsConnectionId, tvb, 3, 1);
    const connectionId = tvb.u8(3);
    if (flow) flow.scpsCapable = true;
    if (connectionId !== 0) infoUint(hdr, 'Connection ID', connectionId);
    return;
  }
  if (!flow?.scpsCapable) {
    if (labels) item.setText(`Illegal SCPS Extended Capabilities (${len} bytes)`);
    return;
  }
  if (labels) item.setText(`SCPS Extended Capabilities (${len} bytes)`);
  // Binding spaces: an identifier, then a length in 16-bit words in the next byte's high nibble, then the data.
  // The offset is a byte in the C code and wraps as it does; the count of passes stops what would not end.
  let at = 2;
  for (let pass = 0; len > at && pass < 256; pass++) {
    const binding = tvb.u8(at);
    const dataLen = (tvb.u8(at + 1) >> 4) << 1;
    addItem(item, tcpFields.optionScpsBindingId, tvb, at, 1);
    item?.add(tcpFields.optionScpsBindingLen, tvb, at + 1, 1, dataLen);
    at = (at + 2) & 0xff;
    addItem(item, tcpFields.optionScpsBindingData, tvb, at, dataLen);
    infoUint(hdr, 'EXCAP', binding);
    at = (at + dataLen) & 0xff;
  }
}

/** tcp_dissect_options: walk the option list, tolerating (and flagging) bad lengths. */
export function dissectTcpOptions(tvb: Tvb, offset: number, length: number, pinfo: PacketInfo, optTree: FieldNode | null, optItem: FieldNode | null, hdr: TcpHeaderInfo, tcpd: TcpAnalysis | null): void {
  const labels = optItem !== null && optItem.ctx.full;
  let nopCount = 0;
  let mssSeen = false;
  let eolSeen = false;
  while (length > 0) {
    const opt = tvb.u8(offset);
    if (eolSeen && opt !== KIND.EOL) {
      // A line over the rest of the option space, with its expert: past the data it ends the dissection.
      pinfo.addExpertItem(optTree, tcpExpert.nonZeroAfterEol, tvb, offset, length, 'Non-zero header padding');
      return;
    }
    length--;
    if (opt === KIND.EOL || opt === KIND.NOP) {
      if (opt === KIND.NOP) {
        if (optItem && (nopCount === 0 || offset % 4)) {
          nopCount++;
          if (nopCount === 4) pinfo.expert(optItem, tcpExpert.nop);
        } else nopCount = 0;
      }
      if (optTree) {
        const item = optTree.addItem(opt === KIND.EOL ? tcpOptionProtos.eol : tcpOptionProtos.nop, tvb, offset, 1);
        item.addItem(tcpFields.optionKind, tvb, offset, 1);
        if (labels) optItem?.appendText(opt === KIND.EOL ? ', End of Option List (EOL)' : ', No-Operation (NOP)');
      }
      offset++;
    } else {
      if (length === 0) {
        pinfo.addExpertItem(optTree, tcpExpert.optLenInvalid, tvb, offset, 1, `${optionName(opt)} (length byte past end of options)`);
        return;
      }
      const optlen = tvb.u8(offset + 1);
      length--;
      if (optlen < 2) {
        pinfo.addExpertItem(optTree, tcpExpert.optLenInvalid, tvb, offset, 2, `${optionName(opt)} (with too-short option length = ${optlen} byte${optlen === 1 ? '' : 's'})`);
        return;
      }
      if (optlen - 2 > length) {
        pinfo.addExpertItem(optTree, tcpExpert.optLenInvalid, tvb, offset, length, `${optionName(opt)} (option length = ${optlen} byte${optlen === 1 ? '' : 's'} says option goes past end of options)`);
        return;
      }
      if (opt === KIND.MSS) mssSeen = true;
      dissectOption(opt, tvb.sub(offset, optlen), pinfo, optTree, hdr, tcpd);
      if (labels) optItem?.appendText(`, ${optionName(opt)}`);
      offset += optlen;
      length -= optlen - 2;
    }
    if (opt === KIND.EOL) eolSeen = true;
  }
  if (hdr.flags & TH.SYN && !mssSeen) pinfo.expert(optItem, tcpExpert.mssAbsent);
}
