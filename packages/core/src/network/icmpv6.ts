import { defineFields, defineProtocol, FT, BASE, vals, TFS_SET_NOTSET } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import { addItem } from '../fields/proto-tree-items.js';
import { formatIPv6 } from '../dissection/address.js';
import { makeDissector } from '../dissection/dissector.js';
import { icmpExtensionsDissector } from './icmp-extensions.js';
import { addExtendedEchoBits, defineExtendedEchoFields, extendedEchoReplyCodes, extendedEchoRequestCodes } from './extended-echo.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { defaultRegistry } from '../dissection/session.js';
import type { Tvb } from '../dissection/tvb.js';
import { dataDissector } from '../link/data.js';
import { hex4 } from '../link/hex.js';
import { timeDelta } from '../fields/time-format.js';
import { echoReply, echoRequest, type EchoTransaction } from './echo-transactions.js';
import { dissectNdOptions, ndOptionFields, routerFlagsText, routerPreferences } from './icmpv6-nd-options.js';
import { internetChecksum } from './internet-checksum.js';
import { addVerifiedChecksum } from './verified-checksum.js';
import type { Ipv6Header } from './ipv6.js';
import { checksumStatusNames } from '../fields/checksum-status.js';

const T = { UNREACH: 1, TOO_BIG: 2, TIME_EXCEEDED: 3, PARAM_PROB: 4, ECHO_REQUEST: 128, ECHO_REPLY: 129, MLD_QUERY: 130, MLD_REPORT: 131, MLD_DONE: 132, RS: 133, RA: 134, NS: 135, NA: 136, REDIRECT: 137, MLDV2_REPORT: 143, EXT_ECHO_REQUEST: 160, EXT_ECHO_REPLY: 161 } as const;

const typeNames = vals({
  1: 'Destination Unreachable', 2: 'Packet Too Big', 3: 'Time Exceeded', 4: 'Parameter Problem', 100: 'Private experimentation', 101: 'Private experimentation',
  127: 'Reserved for expansion of ICMPv6 error messages', 128: 'Echo (ping) request', 129: 'Echo (ping) reply', 130: 'Multicast Listener Query',
  131: 'Multicast Listener Report', 132: 'Multicast Listener Done', 133: 'Router Solicitation', 134: 'Router Advertisement', 135: 'Neighbor Solicitation',
  136: 'Neighbor Advertisement', 137: 'Redirect', 138: 'Router Renumbering', 139: 'Node Information Query', 140: 'Node Information Reply',
  141: 'Inverse Neighbor Discovery Solicitation', 142: 'Inverse Neighbor Discovery Advertisement', 143: 'Multicast Listener Report Message v2',
  144: 'Home Agent Address Discovery Request', 145: 'Home Agent Address Discovery Reply', 146: 'Mobile Prefix Solicitation', 147: 'Mobile Prefix Advertisement',
  148: 'Certification Path Solicitation', 149: 'Certification Path Advertisement', 150: 'Experimental Mobility', 151: 'Multicast Router Advertisement',
  152: 'Multicast Router Solicitation', 153: 'Multicast Router Termination', 154: 'FMIPv6', 155: 'RPL Control', 156: 'Locator Update',
  157: 'Duplicate Address Request', 158: 'Duplicate Address Confirmation', 159: 'MPL Control Message', 160: 'Extended Echo request', 161: 'Extended Echo reply',
  200: 'Private experimentation', 201: 'Private experimentation', 255: 'Reserved for expansion of ICMPv6 informational messages',
});
const unreachCodes = vals({ 0: 'no route to destination', 1: 'Administratively prohibited', 2: 'Beyond scope of source address', 3: 'Address unreachable', 4: 'Port unreachable', 5: 'Source address failed ingress/egress policy', 6: 'Reject route to destination', 7: 'Error in Source Routing Header' });
const timeexCodes = vals({ 0: 'hop limit exceeded in transit', 1: 'fragment reassembly time exceeded' });
const paramCodes = vals({ 0: 'erroneous header field encountered', 1: 'unrecognized Next Header type encountered', 2: 'unrecognized IPv6 option encountered', 3: 'IPv6 First Fragment has incomplete IPv6 Header Chain' });

export const hfIcmpv6 = defineProtocol('icmpv6', 'Internet Control Message Protocol v6');
const icmpv6ExtendedEchoFields = defineExtendedEchoFields('icmpv6', 'Sequence number');
const mldrRecordTypes = vals({ 1: 'Include', 2: 'Exclude', 3: 'Changed to include', 4: 'Changed to exclude', 5: 'Allow new sources', 6: 'Block old sources' });

export const icmpv6Fields = defineFields('icmpv6', {
  type: { abbrev: 'icmpv6.type', name: 'Type', type: FT.UINT8, base: BASE.DEC, strings: typeNames },
  code: { abbrev: 'icmpv6.code', name: 'Code', type: FT.UINT8, base: BASE.DEC },
  checksum: { abbrev: 'icmpv6.checksum', name: 'Checksum', type: FT.UINT16, base: BASE.HEX },
  checksumStatus: { abbrev: 'icmpv6.checksum.status', name: 'Checksum Status', type: FT.UINT8, base: BASE.NONE, strings: checksumStatusNames },
  reserved: { abbrev: 'icmpv6.reserved', name: 'Reserved', type: FT.BYTES },
  mtu: { abbrev: 'icmpv6.mtu', name: 'MTU', type: FT.UINT32, base: BASE.DEC },
  originalLength: { abbrev: 'icmpv6.length', name: 'Length of original datagram', type: FT.UINT8, base: BASE.DEC },
  pointer: { abbrev: 'icmpv6.pointer', name: 'Pointer', type: FT.UINT32, base: BASE.DEC },
  echoId: { abbrev: 'icmpv6.echo.identifier', name: 'Identifier', type: FT.UINT16, base: BASE.HEX },
  echoSeq: { abbrev: 'icmpv6.echo.sequence_number', name: 'Sequence', type: FT.UINT16, base: BASE.DEC },
  respIn: { abbrev: 'icmpv6.resp_in', name: 'Response In', type: FT.FRAMENUM },
  respTo: { abbrev: 'icmpv6.resp_to', name: 'Response To', type: FT.FRAMENUM },
  respTime: { abbrev: 'icmpv6.resptime', name: 'Response Time', type: FT.DOUBLE },
  noResp: { abbrev: 'icmpv6.no_resp', name: 'No response seen', type: FT.NONE },
  ndNsTarget: { abbrev: 'icmpv6.nd.ns.target_address', name: 'Target Address', type: FT.IPv6 },
  ndNaFlag: { abbrev: 'icmpv6.nd.na.flag', name: 'Flags', type: FT.UINT32, base: BASE.HEX },
  ndNaFlagR: { abbrev: 'icmpv6.nd.na.flag.r', name: 'Router', type: FT.BOOLEAN, bitWidth: 32, tfs: TFS_SET_NOTSET, bitmask: 0x80000000 },
  ndNaFlagS: { abbrev: 'icmpv6.nd.na.flag.s', name: 'Solicited', type: FT.BOOLEAN, bitWidth: 32, tfs: TFS_SET_NOTSET, bitmask: 0x40000000 },
  ndNaFlagO: { abbrev: 'icmpv6.nd.na.flag.o', name: 'Override', type: FT.BOOLEAN, bitWidth: 32, tfs: TFS_SET_NOTSET, bitmask: 0x20000000 },
  ndNaFlagRsv: { abbrev: 'icmpv6.nd.na.flag.rsv', name: 'Reserved', type: FT.UINT32, base: BASE.DEC, bitmask: 0x1fffffff },
  ndNaTarget: { abbrev: 'icmpv6.nd.na.target_address', name: 'Target Address', type: FT.IPv6 },
  ndRaCurHopLimit: { abbrev: 'icmpv6.nd.ra.cur_hop_limit', name: 'Cur hop limit', type: FT.UINT8, base: BASE.DEC },
  ndRaFlag: { abbrev: 'icmpv6.nd.ra.flag', name: 'Flags', type: FT.UINT8, base: BASE.HEX },
  ndRaFlagM: { abbrev: 'icmpv6.nd.ra.flag.m', name: 'Managed address configuration', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x80 },
  ndRaFlagO: { abbrev: 'icmpv6.nd.ra.flag.o', name: 'Other configuration', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x40 },
  ndRaFlagH: { abbrev: 'icmpv6.nd.ra.flag.h', name: 'Home Agent', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x20 },
  ndRaFlagPrf: { abbrev: 'icmpv6.nd.ra.flag.prf', name: 'Prf (Default Router Preference)', type: FT.UINT8, base: BASE.DEC, bitmask: 0x18, strings: routerPreferences },
  ndRaFlagP: { abbrev: 'icmpv6.nd.ra.flag.p', name: 'Proxy', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x04 },
  ndRaFlagRsv: { abbrev: 'icmpv6.nd.ra.flag.rsv', name: 'Reserved', type: FT.UINT8, base: BASE.DEC, bitmask: 0x03 },
  ndRaRouterLifetime: { abbrev: 'icmpv6.nd.ra.router_lifetime', name: 'Router lifetime (s)', type: FT.UINT16, base: BASE.DEC },
  ndRaReachableTime: { abbrev: 'icmpv6.nd.ra.reachable_time', name: 'Reachable time (ms)', type: FT.UINT32, base: BASE.DEC },
  ndRaRetransTimer: { abbrev: 'icmpv6.nd.ra.retrans_timer', name: 'Retrans timer (ms)', type: FT.UINT32, base: BASE.DEC },
  ndRdTarget: { abbrev: 'icmpv6.nd.rd.target_address', name: 'Target Address', type: FT.IPv6 },
  ndRdDestination: { abbrev: 'icmpv6.rd.na.destination_address', name: 'Destination Address', type: FT.IPv6 },
  mldMaxResponse: { abbrev: 'icmpv6.mld.maximum_response_delay', name: 'Maximum Response Delay [ms]', type: FT.UINT16, base: BASE.DEC },
  mldMulticastAddress: { abbrev: 'icmpv6.mld.multicast_address', name: 'Multicast Address', type: FT.IPv6 },
  mldv2NbMcastRecords: { abbrev: 'icmpv6.mldr.nb_mcast_records', name: 'Number of Multicast Address Records', type: FT.UINT16, base: BASE.DEC },
  mldrMar: { abbrev: 'icmpv6.mldr.mar', name: 'Multicast Address Record', type: FT.NONE },
  mldrMarRecordType: { abbrev: 'icmpv6.mldr.mar.record_type', name: 'Record Type', type: FT.UINT8, base: BASE.DEC, strings: mldrRecordTypes },
  mldrMarAuxDataLen: { abbrev: 'icmpv6.mldr.mar.aux_data_len', name: 'Aux Data Len', type: FT.UINT8, base: BASE.DEC },
  mldrMarNbSources: { abbrev: 'icmpv6.mldr.mar.nb_sources', name: 'Number of Sources', type: FT.UINT16, base: BASE.DEC },
  mldrMarMulticastAddress: { abbrev: 'icmpv6.mldr.mar.multicast_address', name: 'Multicast Address', type: FT.IPv6 },
  mldrMarSourceAddress: { abbrev: 'icmpv6.mldr.mar.source_address', name: 'Source Address', type: FT.IPv6 },
  mldrMarAuxData: { abbrev: 'icmpv6.mldr.mar.auxiliary_data', name: 'Auxiliary Data', type: FT.BYTES },
});
/** MLDv2 Multicast Address Records (RFC 3810 5.2), each titled by its type and address. */
function dissectMldv2Records(tvb: Tvb, off: number, t: FieldNode | null): void {
  while (off < tvb.reported) {
    // In packet-icmpv6.c's order, each item checked with or without a tree: a record cut short shows what came
    // before the missing bytes; its length is set once it is read.
    const start = off;
    const mar = addItem(t, icmpv6Fields.mldrMar, tvb, off, -1);
    addItem(mar, icmpv6Fields.mldrMarRecordType, tvb, off, 1);
    const recordType = tvb.u8(off);
    addItem(mar, icmpv6Fields.mldrMarAuxDataLen, tvb, off + 1, 1);
    const auxLen = tvb.u8(off + 1) * 4;
    addItem(mar, icmpv6Fields.mldrMarNbSources, tvb, off + 2, 2);
    const nbSources = tvb.u16(off + 2);
    const recLen = 4 + 16 + 16 * nbSources + auxLen;
    addItem(mar, icmpv6Fields.mldrMarMulticastAddress, tvb, off + 4, 16);
    if (mar?.ctx.full) mar.appendText(` ${mldrRecordTypes.get(recordType) ?? `Unknown Record Type (${recordType})`}: ${formatIPv6(tvb.bytes, tvb.start + off + 4)}`);
    off += 20;
    for (let i = 0; i < nbSources; i++, off += 16) {
      addItem(mar, icmpv6Fields.mldrMarSourceAddress, tvb, off, 16);
    }
    if (auxLen) {
      addItem(mar, icmpv6Fields.mldrMarAuxData, tvb, off, auxLen);
      off += auxLen;
    }
    if (mar !== t) mar?.setLength(Math.min(recLen, tvb.remaining(start)));
  }
}

const eiChecksum = defineExpert('icmpv6', 'icmpv6.checksum_bad.expert', Group.CHECKSUM, Severity.WARN, 'Bad checksum');
const icmpv6ChecksumFields = { checksum: icmpv6Fields.checksum, status: icmpv6Fields.checksumStatus, bad: eiChecksum };
const eiUndecodedType = defineExpert('icmpv6', 'icmpv6.undecoded.type', Group.UNDECODED, Severity.NOTE, 'Undecoded type');
/**
 * Types with a case of their own in packet-icmpv6.c that are not dissected
 * here (router renumbering, node information, mobile IPv6, SEND, multicast
 * router discovery, FMIPv6, RPL, ILNPv6, 6LoWPAN, MPL):
 * the rest get the "not implemented" note.
 */
const WIRESHARK_DISSECTS = new Set([138, 139, 140, 141, 142, ...Array.from({ length: 18 }, (_, i) => 144 + i)]);
const eiRespNotFound = defineExpert('icmpv6', 'icmpv6.resp_not_found', Group.SEQUENCE, Severity.WARN, 'Response not found');

/** dissect_contained_icmpv6: the IPv6 packet an error or a Redirected header option quotes, from `offset` to the end. */
function dissectContainedPacket(tvb: Tvb, offset: number, pinfo: PacketInfo, tree: FieldNode | null): void {
  const save = pinfo.inErrorPacket;
  pinfo.inErrorPacket = true;
  // Wireshark's "tiny sanity check": only an IPv6 version nibble is dissected as IPv6, anything else is data.
  const contained = tvb.sub(offset);
  const v6 = (contained.u8(0) & 0xf0) === 0x60 ? pinfo.session.registry.byProto('ipv6') : null;
  pinfo.call(v6 ?? dataDissector, contained, tree);
  // Not restored when the quoted packet throws, as in packet-icmpv6.c: the frame ends inside the error packet
  // (its taps, the frame's among them, are then not handed to listeners).
  pinfo.inErrorPacket = save;
}

/** ICMPv6 (packet-icmpv6.c): errors with the quoted packet, echo matching, neighbor discovery, MLD. */
function dissectIcmpv6(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): number {
  let echo: EchoTransaction | null = null;
  const iph = data && typeof data === 'object' && (data as Ipv6Header).version === 6 ? (data as Ipv6Header) : null;
  pinfo.cols.setProtocol('ICMPv6');
  pinfo.cols.clearInfo();
  const t = tree ? tree.addProtocol(hfIcmpv6, tvb, 0, -1) : null;
  const type = tvb.u8(0);
  t?.addItem(icmpv6Fields.type, tvb, 0, 1);
  pinfo.cols.setInfo(typeNames.get(type) ?? `Unknown (${type})`);
  const code = tvb.u8(1);
  const codeItem = t?.addItem(icmpv6Fields.code, tvb, 1, 1);
  let codeName: string | null = null;
  if (type === T.UNREACH) codeName = unreachCodes.get(code) ?? 'Unknown';
  else if (type === T.TIME_EXCEEDED) codeName = timeexCodes.get(code) ?? `Unknown (${code})`;
  else if (type === T.PARAM_PROB) codeName = paramCodes.get(code) ?? `Unknown (${code})`;
  else if (type === T.EXT_ECHO_REQUEST) codeName = extendedEchoRequestCodes.get(code) ?? `Unknown (${code})`;
  else if (type === T.EXT_ECHO_REPLY) codeName = extendedEchoReplyCodes.get(code) ?? `Unknown (${code})`;
  if (codeName) {
    pinfo.cols.appendInfo(` (${codeName})`);
    codeItem?.appendText(` (${codeName})`);
  }
  const cksum = tvb.u16(2);
  if (!pinfo.fragmented && tvb.length >= tvb.reported && !pinfo.inErrorPacket) {
    const phdr = new Uint8Array(8);
    const n = tvb.reported;
    phdr[0] = n >>> 24; phdr[1] = (n >>> 16) & 255; phdr[2] = (n >>> 8) & 255; phdr[3] = n & 255; phdr[7] = 58;
    const computed = internetChecksum(pinfo.src.bytes, pinfo.dst.bytes, phdr, tvb.view(0, n));
    addVerifiedChecksum(pinfo, t, icmpv6ChecksumFields, tvb, 2, cksum, computed);
  } else if (t) {
    t.add(icmpv6Fields.checksum, tvb, 2, 2, cksum).appendText(` [unverified] [${pinfo.inErrorPacket ? 'in ICMP error packet' : 'fragmented datagram'}]`);
    t.addGenerated(icmpv6Fields.checksumStatus, tvb, 2, 0, 2);
  }
  let off = 4;
  if (type === T.ECHO_REQUEST || type === T.ECHO_REPLY) {
    // The identifier is shown before the sequence number is read: a message cut between them shows it, then fails.
    addItem(t, icmpv6Fields.echoId, tvb, 4, 2);
    const id = tvb.u16(4);
    addItem(t, icmpv6Fields.echoSeq, tvb, 6, 2);
    const seq = tvb.u16(6);
    pinfo.cols.appendInfo(` id=0x${hex4(id)}, seq=${seq}`);
    if (iph) pinfo.cols.appendInfo(`, hop limit=${iph.hlim}`);
    off = 8;
    if (!pinfo.inErrorPacket) {
      const seqKey = ((id << 16) | seq) >>> 0;
      if (type === T.ECHO_REQUEST) {
        const k = cksum === 0xffff ? 0 : cksum;
        const tr = echoRequest(pinfo, 'icmpv6', `${k}|${seqKey}`);
        echo = tr;
        // The first pass starts the transaction; a revisit that finds no reply notes a multicast destination instead.
        if (!tr) {
          if (pinfo.visited) {
            if (pinfo.dst.bytes[0] === 0xff) {
              pinfo.cols.appendInfo(' (multicast)');
            } else {
              const it = t ? t.add(icmpv6Fields.noResp, null, 0, 0, null).setGenerated() : null;
              pinfo.cols.appendInfo(' (no response found!)');
              pinfo.expert(it, eiRespNotFound, `No response seen to ICMPv6 request in frame ${pinfo.num}`);
            }
          }
        } else if (tr.responseFrame) {
          t?.addGenerated(icmpv6Fields.respIn, null, 0, 0, tr.responseFrame);
          pinfo.cols.appendInfo(` (reply in ${tr.responseFrame})`);
        }
      } else {
        let sum = (~cksum & 0xffff) + (~0x0100 & 0xffff);
        sum = (sum & 0xffff) + (sum >>> 16);
        const k = ~sum & 0xffff;
        const tr = echoReply(pinfo, 'icmpv6', `${k}|${seqKey}`);
        echo = tr;
        if (tr) {
          t?.addGenerated(icmpv6Fields.respTo, null, 0, 0, tr.requestFrame);
          const [s, ns] = timeDelta(pinfo.raw.tsSec, pinfo.raw.tsNsec, tr.requestSec, tr.requestNsec);
          const ms = s * 1000 + ns / 1e6;
          tr.responseMs = ms;
          t?.addGenerated(icmpv6Fields.respTime, null, 0, 0, ms).setValueText(`${ms.toFixed(3)} ms`);
          pinfo.cols.appendInfo(` (request in ${tr.requestFrame})`);
        }
      }
    }
    if (tvb.remaining(8) > 0) pinfo.call(dataDissector, tvb.sub(8), t);
    // The "icmpv6" tap (icmpv6,srt): an echo's transaction, once the message is dissected.
    if (echo) pinfo.tap('icmpv6', echo);
    return tvb.length;
  }
  switch (type) {
    case T.UNREACH: case T.TIME_EXCEEDED: {
      // RFC 4884: a non-zero first byte is the original datagram's length in 64-bit words, with ICMP extensions after it.
      const originalWords = tvb.u8(4);
      if (originalWords) {
        addItem(t, icmpv6Fields.originalLength, tvb, 4, 1);
        addItem(t, icmpv6Fields.reserved, tvb, 5, 3);
      } else {
        addItem(t, icmpv6Fields.reserved, tvb, 4, 4);
      }
      dissectContainedPacket(tvb, 8, pinfo, t);
      if (originalWords) {
        // Wireshark 4.0 reads the length as a C char (signed); an original datagram said to run past the message ends
        // the dissection there. A negative offset counts from the end (tvb_new_subset_remaining).
        const extensions = 8 + 8 * (originalWords < 128 ? originalWords : originalWords - 256);
        if (extensions > tvb.length) tvb.check(extensions, 0);
        else if (extensions < 0 && -extensions > tvb.length) tvb.check(0, -extensions);
        const ext = tvb.sub(extensions < 0 ? tvb.length + extensions : extensions);
        // Through the dissector table, as Wireshark does: what the extensions dissector declines is data.
        let n = pinfo.call(icmpExtensionsDissector, ext, t);
        if (n === 0) n = pinfo.call(dataDissector, ext, t);
        // dissect_icmpv6 returns its offset, which a negative length can bring to 0: IPv6 then takes the message as
        // declined ("Unknown IP Protocol", its bytes as data).
        return extensions + n;
      }
      return tvb.length;
    }
    case T.TOO_BIG: case T.PARAM_PROB: {
      addItem(t, type === T.TOO_BIG ? icmpv6Fields.mtu : icmpv6Fields.pointer, tvb, 4, 4);
      dissectContainedPacket(tvb, 8, pinfo, t);
      return tvb.length;
    }
    case T.RS:
      addItem(t, icmpv6Fields.reserved, tvb, 4, 4);
      off = 8;
      break;
    case T.RA:
      addItem(t, icmpv6Fields.ndRaCurHopLimit, tvb, 4, 1);
      if (t) {
        const flag = tvb.u8(5);
        const f = t.addItem(icmpv6Fields.ndRaFlag, tvb, 5, 1);
        for (const def of [icmpv6Fields.ndRaFlagM, icmpv6Fields.ndRaFlagO, icmpv6Fields.ndRaFlagH, icmpv6Fields.ndRaFlagPrf, icmpv6Fields.ndRaFlagP, icmpv6Fields.ndRaFlagRsv]) f.addItem(def, tvb, 5, 1);
        f.appendText(routerFlagsText((flag & 0x80) !== 0, (flag & 0x40) !== 0, (flag & 0x20) !== 0, (flag & 0x18) >> 3, (flag & 0x04) !== 0));
      }
      addItem(t, icmpv6Fields.ndRaRouterLifetime, tvb, 6, 2);
      addItem(t, icmpv6Fields.ndRaReachableTime, tvb, 8, 4);
      addItem(t, icmpv6Fields.ndRaRetransTimer, tvb, 12, 4);
      off = 16;
      break;
    case T.NS:
      addItem(t, icmpv6Fields.reserved, tvb, 4, 4);
      addItem(t, icmpv6Fields.ndNsTarget, tvb, 8, 16);
      pinfo.cols.appendInfo(` for ${formatIPv6(tvb.view(8, 16), 0)}`);
      off = 24;
      break;
    case T.NA: {
      const flags = tvb.u32(4);
      if (t) {
        const f = t.addItem(icmpv6Fields.ndNaFlag, tvb, 4, 4);
        f.addItem(icmpv6Fields.ndNaFlagR, tvb, 4, 4);
        f.addItem(icmpv6Fields.ndNaFlagS, tvb, 4, 4);
        f.addItem(icmpv6Fields.ndNaFlagO, tvb, 4, 4);
        f.addItem(icmpv6Fields.ndNaFlagRsv, tvb, 4, 4);
        if (flags & 0x80000000) f.appendText(', Router');
        if (flags & 0x40000000) f.appendText(', Solicited');
        if (flags & 0x20000000) f.appendText(', Override');
        t.addItem(icmpv6Fields.ndNaTarget, tvb, 8, 16);
      }
      const parts: string[] = [];
      if (flags & 0x80000000) parts.push('rtr');
      if (flags & 0x40000000) parts.push('sol');
      if (flags & 0x20000000) parts.push('ovr');
      pinfo.cols.appendInfo(` ${formatIPv6(tvb.view(8, 16), 0)} (${parts.length ? parts.join(', ') : 'none'})`);
      off = 24;
      break;
    }
    case T.REDIRECT:
      addItem(t, icmpv6Fields.reserved, tvb, 4, 4);
      addItem(t, icmpv6Fields.ndRdTarget, tvb, 8, 16);
      addItem(t, icmpv6Fields.ndRdDestination, tvb, 24, 16);
      off = 40;
      break;
    case T.MLD_QUERY: case T.MLD_REPORT: case T.MLD_DONE:
      addItem(t, icmpv6Fields.mldMaxResponse, tvb, 4, 2);
      addItem(t, icmpv6Fields.reserved, tvb, 6, 2);
      addItem(t, icmpv6Fields.mldMulticastAddress, tvb, 8, 16);
      return tvb.length;
    case T.MLDV2_REPORT:
      addItem(t, icmpv6Fields.reserved, tvb, 4, 2);
      addItem(t, icmpv6Fields.mldv2NbMcastRecords, tvb, 6, 2);
      dissectMldv2Records(tvb, 8, t);
      return tvb.length;
    case T.EXT_ECHO_REQUEST: case T.EXT_ECHO_REPLY: {
      // RFC 8335 (PROBE): the interface asked about travels as an ICMP extension object.
      addItem(t, icmpv6Fields.echoId, tvb, 4, 2);
      addExtendedEchoBits(t, icmpv6ExtendedEchoFields, tvb, type === T.EXT_ECHO_REQUEST);
      if (type === T.EXT_ECHO_REQUEST && tvb.reported > 8) {
        const ext = tvb.sub(8);
        if (pinfo.call(icmpExtensionsDissector, ext, t) === 0) pinfo.call(dataDissector, ext, t);
      }
      return tvb.length;
    }
    default:
      if (WIRESHARK_DISSECTS.has(type)) {
        // Wireshark has a dissection of its own for these; here their body is shown as data.
        if (tvb.remaining(4) > 0) pinfo.call(dataDissector, tvb.sub(4), t);
      } else {
        pinfo.expert(t, eiUndecodedType, `Dissector for ICMPv6 Type (${type}) code not implemented, Contact Wireshark developers if you want this supported`);
        // "To the end" needs a byte there, tree or not: a message of its header alone is malformed.
        addItem(t, ndOptionFields.data, tvb, 4, -1);
      }
      return tvb.length;
  }
  dissectNdOptions(tvb, off, pinfo, t, (contained, offset, tree) => dissectContainedPacket(contained, offset, pinfo, tree));
  return tvb.length;
}

export const icmpv6Dissector = makeDissector('icmpv6', 'ICMPv6', dissectIcmpv6);
defaultRegistry.addUint('ip.proto', 58, icmpv6Dissector);
