import { defineFields, defineProtocol, FT, BASE, vals } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import { addItem } from '../fields/proto-tree-items.js';
import { makeDissector } from '../dissection/dissector.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { defaultRegistry } from '../dissection/session.js';
import type { Tvb } from '../dissection/tvb.js';
import { dataDissector } from '../link/data.js';
import { hex4 } from '../link/hex.js';
import { durationText, timeDelta } from '../fields/time-format.js';
import { echoReply, echoRequest, type EchoTransaction } from './echo-transactions.js';
import { addExtendedEchoBits, defineExtendedEchoFields, extendedEchoReplyCodes, extendedEchoRequestCodes } from './extended-echo.js';
import { dissectMobileIpExtensions } from './icmp-mobile-ip-extensions.js';
import { dissectIcmpExtensions } from './icmp-extensions.js';
import { internetChecksum } from './internet-checksum.js';
import { ipDissector, type Ipv4Header } from './ipv4.js';
import { addVerifiedChecksum } from './verified-checksum.js';
import { AddressType } from '../dissection/address.js';
import { checksumStatusNames } from '../fields/checksum-status.js';

const TYPE = { ECHOREPLY: 0, UNREACH: 3, SOURCEQUENCH: 4, REDIRECT: 5, ALTHOST: 6, ECHO: 8, RTRADVERT: 9, RTRSOLICIT: 10, TIMXCEED: 11, PARAMPROB: 12, TSTAMP: 13, TSTAMPREPLY: 14, IREQ: 15, IREQREPLY: 16, MASKREQ: 17, MASKREPLY: 18, EXTECHO: 42, EXTECHOREPLY: 43 } as const;

const typeNames = vals({
  0: 'Echo (ping) reply', 1: 'Reserved', 2: 'Reserved', 3: 'Destination unreachable', 4: 'Source quench (flow control)', 5: 'Redirect',
  6: 'Alternate host address', 8: 'Echo (ping) request', 9: 'Router advertisement', 10: 'Router solicitation', 11: 'Time-to-live exceeded',
  12: 'Parameter problem', 13: 'Timestamp request', 14: 'Timestamp reply', 15: 'Information request', 16: 'Information reply',
  17: 'Address mask request', 18: 'Address mask reply', 19: 'Reserved (for security)', 30: 'Traceroute', 31: 'Datagram Conversion Error',
  32: 'Mobile Host Redirect', 33: 'IPv6 Where-Are-You', 34: 'IPv6 I-Am-Here', 35: 'Mobile Registration Request', 36: 'Mobile Registration Reply',
  37: 'Domain Name Request', 38: 'Domain Name Reply', 39: 'SKIP', 40: 'Photuris', 41: 'Experimental mobility protocols', 42: 'Extended Echo request', 43: 'Extended Echo reply',
});
const codeNames: Record<number, ReadonlyMap<number, string>> = {
  3: vals({ 0: 'Network unreachable', 1: 'Host unreachable', 2: 'Protocol unreachable', 3: 'Port unreachable', 4: 'Fragmentation needed', 5: 'Source route failed', 6: 'Destination network unknown', 7: 'Destination host unknown', 8: 'Source host isolated', 9: 'Network administratively prohibited', 10: 'Host administratively prohibited', 11: 'Network unreachable for TOS', 12: 'Host unreachable for TOS', 13: 'Communication administratively filtered', 14: 'Host precedence violation', 15: 'Precedence cutoff in effect' }),
  5: vals({ 0: 'Redirect for network', 1: 'Redirect for host', 2: 'Redirect for TOS and network', 3: 'Redirect for TOS and host' }),
  6: vals({ 0: 'Alternate address for host' }),
  40: vals({ 0: 'Bad SPI', 1: 'Authentication Failed', 2: 'Decompression Failed', 3: 'Decryption Failed', 4: 'Need Authentication', 5: 'Need Authorization' }),
  9: vals({ 0: 'Normal router advertisement', 16: 'Does not route common traffic' }),
  11: vals({ 0: 'Time to live exceeded in transit', 1: 'Fragment reassembly time exceeded' }),
  12: vals({ 0: 'Pointer indicates the error', 1: 'Required option missing', 2: 'Bad length' }),
  42: extendedEchoRequestCodes,
  43: extendedEchoReplyCodes,
};

export const hfIcmp = defineProtocol('icmp', 'Internet Control Message Protocol');
export const icmpFields = defineFields('icmp', {
  type: { abbrev: 'icmp.type', name: 'Type', type: FT.UINT8, base: BASE.DEC },
  code: { abbrev: 'icmp.code', name: 'Code', type: FT.UINT8, base: BASE.DEC },
  checksum: { abbrev: 'icmp.checksum', name: 'Checksum', type: FT.UINT16, base: BASE.HEX },
  checksumStatus: { abbrev: 'icmp.checksum.status', name: 'Checksum Status', type: FT.UINT8, base: BASE.NONE, strings: checksumStatusNames },
  unused: { abbrev: 'icmp.unused', name: 'Unused', type: FT.BYTES },
  ident: { abbrev: 'icmp.ident', name: 'Identifier (BE)', type: FT.UINT16, base: BASE.DEC_HEX },
  identLe: { abbrev: 'icmp.ident_le', name: 'Identifier (LE)', type: FT.UINT16, base: BASE.DEC_HEX },
  seq: { abbrev: 'icmp.seq', name: 'Sequence Number (BE)', type: FT.UINT16, base: BASE.DEC_HEX },
  seqLe: { abbrev: 'icmp.seq_le', name: 'Sequence Number (LE)', type: FT.UINT16, base: BASE.DEC_HEX },
  mtu: { abbrev: 'icmp.mtu', name: 'MTU of next hop', type: FT.UINT16, base: BASE.DEC },
  length: { abbrev: 'icmp.length', name: 'Length', type: FT.UINT8, base: BASE.DEC },
  lengthOriginal: { abbrev: 'icmp.length.original_datagram', name: 'Length of original datagram', type: FT.UINT8, base: BASE.DEC },
  pointer: { abbrev: 'icmp.pointer', name: 'Pointer', type: FT.UINT32, base: BASE.DEC },
  redirGw: { abbrev: 'icmp.redir_gw', name: 'Gateway Address', type: FT.IPv4 },
  numAddrs: { abbrev: 'icmp.num_addrs', name: 'Number of addresses', type: FT.UINT8, base: BASE.DEC },
  addrEntrySize: { abbrev: 'icmp.addr_entry_size', name: 'Address entry size', type: FT.UINT8, base: BASE.DEC },
  lifetime: { abbrev: 'icmp.lifetime', name: 'Lifetime', type: FT.UINT16, base: BASE.DEC },
  routerAddress: { abbrev: 'icmp.router_address', name: 'Router address', type: FT.IPv4 },
  prefLevel: { abbrev: 'icmp.pref_level', name: 'Preference level', type: FT.INT32, base: BASE.DEC },
  originateTimestamp: { abbrev: 'icmp.originate_timestamp', name: 'Originate Timestamp', type: FT.UINT32, base: BASE.DEC },
  receiveTimestamp: { abbrev: 'icmp.receive_timestamp', name: 'Receive Timestamp', type: FT.UINT32, base: BASE.DEC },
  transmitTimestamp: { abbrev: 'icmp.transmit_timestamp', name: 'Transmit Timestamp', type: FT.UINT32, base: BASE.DEC },
  addressMask: { abbrev: 'icmp.address_mask', name: 'Address Mask', type: FT.IPv4 },
  respIn: { abbrev: 'icmp.resp_in', name: 'Response frame', type: FT.FRAMENUM },
  respTo: { abbrev: 'icmp.resp_to', name: 'Request frame', type: FT.FRAMENUM },
  respTime: { abbrev: 'icmp.resptime', name: 'Response time', type: FT.DOUBLE },
  noResp: { abbrev: 'icmp.no_resp', name: 'No response seen', type: FT.NONE },
  dataTime: { abbrev: 'icmp.data_time', name: 'Timestamp from icmp data', type: FT.ABSOLUTE_TIME, base: BASE.ABSOLUTE_TIME_LOCAL },
  dataTimeRelative: { abbrev: 'icmp.data_time_relative', name: 'Timestamp from icmp data (relative)', type: FT.RELATIVE_TIME },
});
const icmpExtendedEchoFields = defineExtendedEchoFields('icmp', 'Sequence Number');
const eiRespNotFound = defineExpert('icmp', 'icmp.resp_not_found', Group.SEQUENCE, Severity.WARN, 'Response not found');
const eiChecksum = defineExpert('icmp', 'icmp.checksum_bad', Group.CHECKSUM, Severity.WARN, 'Bad checksum');
const icmpChecksumFields = { checksum: icmpFields.checksum, status: icmpFields.checksumStatus, bad: eiChecksum };

function isNotUnicast(pinfo: PacketInfo): 'broadcast' | 'multicast' | null {
  const d = pinfo.dst;
  if (d.type !== AddressType.IPv4) return null;
  const b = d.bytes;
  if (b[0] === 255 && b[1] === 255 && b[2] === 255 && b[3] === 255) return 'broadcast';
  if ((b[0]! & 0xf0) === 0xe0) return 'multicast';
  return null;
}

/** ICMP for IPv4 (packet-icmp.c): type/code, echo matching, and the datagram quoted in errors. */
function dissectIcmp(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): number {
  let echo: EchoTransaction | null = null;
  const iph = data && typeof data === 'object' && (data as Ipv4Header).version === 4 ? (data as Ipv4Header) : null;
  pinfo.cols.setProtocol('ICMP');
  pinfo.cols.clearInfo();
  const type = tvb.u8(0);
  const code = tvb.u8(1);
  let origLen = tvb.u8(5);
  let typeStr = typeNames.get(type) ?? 'Unknown ICMP (obsolete or malformed?)';
  if (type === TYPE.RTRADVERT && (code === 0 || code === 16)) typeStr = 'Mobile IP Advertisement';
  if (type === TYPE.ALTHOST) origLen = 0;
  const codeTable = codeNames[type];
  const codeStr = codeTable ? codeTable.get(code) ?? `Unknown code: ${code}` : null;
  pinfo.cols.setInfo(typeStr.padEnd(20, ' '));
  if (codeStr) pinfo.cols.appendInfo(` (${codeStr})`);
  const t = tree ? tree.addProtocol(hfIcmp, tvb, 0, tvb.length) : null;
  t?.addItem(icmpFields.type, tvb, 0, 1).appendText(` (${typeStr})`);
  const ci = t?.addItem(icmpFields.code, tvb, 1, 1);
  if (codeStr) ci?.appendText(` (${codeStr})`);
  const sum = tvb.u16(2);
  if (!pinfo.fragmented && tvb.length >= tvb.reported && !pinfo.inErrorPacket) {
    addVerifiedChecksum(pinfo, t, icmpChecksumFields, tvb, 2, sum, internetChecksum(tvb.view(0, tvb.reported)));
  } else if (t) {
    t.add(icmpFields.checksum, tvb, 2, 2, sum).appendText(` [unverified] [${pinfo.inErrorPacket ? 'in ICMP error packet' : 'fragmented datagram'}]`);
    t.addGenerated(icmpFields.checksumStatus, tvb, 2, 0, 2);
  }
  switch (type) {
    case TYPE.ECHOREPLY: case TYPE.ECHO: case TYPE.TSTAMP: case TYPE.TSTAMPREPLY:
    case TYPE.IREQ: case TYPE.IREQREPLY: case TYPE.MASKREQ: case TYPE.MASKREPLY:
      if (t) {
        t.addItem(icmpFields.ident, tvb, 4, 2);
        t.addItem(icmpFields.identLe, tvb, 4, 2, true);
        t.addItem(icmpFields.seq, tvb, 6, 2);
        t.addItem(icmpFields.seqLe, tvb, 6, 2, true);
      }
      pinfo.cols.appendInfo(` id=0x${hex4(tvb.u16(4))}, seq=${tvb.u16(6)}/${tvb.u16le(6)}`);
      if (iph) pinfo.cols.appendInfo(`, ttl=${iph.ttl}`);
      break;
    case TYPE.UNREACH: case TYPE.TIMXCEED: {
      // RFC 4884: a non-zero byte 5 is the original datagram's length in 32-bit words; "fragmentation needed" has its MTU after it.
      const mtu = type === TYPE.UNREACH && code === 4;
      if (origLen > 0) {
        t?.addItem(icmpFields.unused, tvb, 4, 1);
        t?.addItem(icmpFields.length, tvb, 5, 1);
        t?.addGenerated(icmpFields.lengthOriginal, tvb, 5, 1, origLen * 4);
        t?.addItem(mtu ? icmpFields.mtu : icmpFields.unused, tvb, 6, 2);
      } else if (mtu) {
        t?.addItem(icmpFields.unused, tvb, 4, 2);
        t?.addItem(icmpFields.mtu, tvb, 6, 2);
      } else {
        t?.addItem(icmpFields.unused, tvb, 4, 4);
      }
      break;
    }
    case TYPE.PARAMPROB:
      t?.addItem(icmpFields.pointer, tvb, 4, 1);
      if (origLen > 0) {
        t?.addItem(icmpFields.length, tvb, 5, 1);
        t?.addGenerated(icmpFields.lengthOriginal, tvb, 5, 1, origLen * 4);
        t?.addItem(icmpFields.unused, tvb, 6, 2);
      } else {
        t?.addItem(icmpFields.unused, tvb, 5, 3);
      }
      break;
    case TYPE.REDIRECT:
      t?.addItem(icmpFields.redirGw, tvb, 4, 4);
      break;
    case TYPE.RTRADVERT:
      if (t) {
        t.addItem(icmpFields.numAddrs, tvb, 4, 1);
        t.addItem(icmpFields.addrEntrySize, tvb, 5, 1);
        t.addItem(icmpFields.lifetime, tvb, 6, 2).appendText(` (${durationText(tvb.u16(6))})`);
      }
      break;
    case TYPE.EXTECHO: case TYPE.EXTECHOREPLY:
      addItem(t, icmpFields.ident, tvb, 4, 2);
      t?.addItem(icmpFields.identLe, tvb, 4, 2, true);
      addExtendedEchoBits(t, icmpExtendedEchoFields, tvb, type === TYPE.EXTECHO);
      break;
  }
  switch (type) {
    case TYPE.UNREACH: case TYPE.TIMXCEED: case TYPE.PARAMPROB: case TYPE.SOURCEQUENCH: case TYPE.REDIRECT: {
      const saveErr = pinfo.inErrorPacket;
      pinfo.inErrorPacket = true;
      const next = tvb.sub(8);
      if (type === TYPE.REDIRECT) next.setActualLength((tvb.u8(8) & 0x0f) * 4 + 8);
      else if (origLen && tvb.reported > 8 + origLen * 4 && tvb.u16(10) > origLen * 4) next.setActualLength(((tvb.u8(8) & 0x0f) + origLen) * 4);
      pinfo.call(ipDissector, next, t);
      pinfo.inErrorPacket = saveErr;
      // Extensions (RFC 4884 and the MPLS draft before it) after the original datagram, or after its first 128 bytes when
      // no length is given; a quoted datagram longer than that is taken to fill the message (RFC 1812).
      if (tvb.reported > 8 + 128 && tvb.u16(10) <= 128) dissectIcmpExtensions(tvb.sub(8 + (origLen ? origLen * 4 : 128)), pinfo, t);
      break;
    }
    case TYPE.ECHOREPLY: case TYPE.ECHO: {
      if (!pinfo.inErrorPacket) {
        const seqKey = ((tvb.u16(4) << 16) | tvb.u16(6)) >>> 0;
        if (type === TYPE.ECHOREPLY) {
          let c = tvb.u16(2);
          if (c === 0xffff) c = 0;
          const tr = echoReply(pinfo, 'icmp', `${c}|${seqKey}`);
          echo = tr;
          if (tr) {
            t?.addGenerated(icmpFields.respTo, null, 0, 0, tr.requestFrame);
            const [s, ns] = timeDelta(pinfo.raw.tsSec, pinfo.raw.tsNsec, tr.requestSec, tr.requestNsec);
            const ms = s * 1000 + ns / 1e6;
            tr.responseMs = ms;
            t?.addGenerated(icmpFields.respTime, null, 0, 0, ms).setValueText(`${ms.toFixed(3)} ms`);
            pinfo.cols.appendInfo(` (request in ${tr.requestFrame})`);
          }
        } else {
          const c = requestKeyChecksum(tvb.u16(2));
          const tr = echoRequest(pinfo, 'icmp', `${c}|${seqKey}`);
          echo = tr;
          // The first pass starts the transaction; a revisit that finds no reply notes a broadcast or multicast
          // destination instead of a missing reply.
          if (!tr) {
            if (pinfo.visited) {
              const nu = isNotUnicast(pinfo);
              if (nu) {
                pinfo.cols.appendInfo(` (${nu})`);
              } else {
                const it = t ? t.add(icmpFields.noResp, null, 0, 0, null).setGenerated() : null;
                pinfo.cols.appendInfo(' (no response found!)');
                pinfo.expert(it, eiRespNotFound, 'No response seen to ICMP request');
              }
            }
          } else if (tr.responseFrame) {
            t?.addGenerated(icmpFields.respIn, null, 0, 0, tr.responseFrame);
            pinfo.cols.appendInfo(` (reply in ${tr.responseFrame})`);
          }
        }
      }
      // Fewer than 8 bytes of data cannot hold a timestamp (and reading one would raise an error).
      if (tvb.remaining(8) < 8) {
        if (tvb.remaining(8) > 0) pinfo.call(dataDissector, tvb.sub(8), t);
        break;
      }
      const stamp = echoDataTimestamp(tvb, pinfo.raw.hasTimestamp === false ? 0 : pinfo.raw.tsSec);
      if (stamp) {
        t?.add(icmpFields.dataTime, tvb, 8, 8, stamp);
        const [sec, nsec] = timeDelta(pinfo.raw.tsSec, pinfo.raw.tsNsec, stamp.sec, stamp.nsec);
        t?.addGenerated(icmpFields.dataTimeRelative, tvb, 8, 8, { sec, nsec });
        if (tvb.remaining(16) > 0) pinfo.call(dataDissector, tvb.sub(16), t);
      } else {
        pinfo.call(dataDissector, tvb.sub(8), t);
      }
      break;
    }
    case TYPE.RTRADVERT: {
      // The addresses, when each entry is the two words RFC 1256 defines; Mobile IP's extensions after them.
      const count = tvb.u8(4);
      if (tvb.u8(5) !== 2) {
        if (tvb.remaining(8) > 0) pinfo.call(dataDissector, tvb.sub(8), t);
        break;
      }
      let off = 8;
      for (let i = 0; i < count; i++, off += 8) {
        addItem(t, icmpFields.routerAddress, tvb, off, 4);
        addItem(t, icmpFields.prefLevel, tvb, off + 4, 4);
      }
      if (t && (code === 0 || code === 16)) dissectMobileIpExtensions(tvb, off, t);
      break;
    }
    case TYPE.TSTAMP: case TYPE.TSTAMPREPLY:
      if (t) {
        // Each time is read in whichever byte order lands nearer the frame's time of day (get_best_guess_mstimeofday).
        const frameMs = (pinfo.raw.tsSec * 1000 + Math.floor(pinfo.raw.tsNsec / 1e6)) % MS_PER_DAY;
        const timeOfDay = (off: number): string => msecsText(bestGuessTimeOfDay(tvb.u32(off), tvb.u32le(off), frameMs));
        t.addItem(icmpFields.originateTimestamp, tvb, 8, 4).appendText(` (${timeOfDay(8)} after midnight UTC)`);
        t.addItem(icmpFields.receiveTimestamp, tvb, 12, 4).appendText(` (${timeOfDay(12)} after midnight UTC)`);
        t.addItem(icmpFields.transmitTimestamp, tvb, 16, 4).appendText(` (${timeOfDay(16)} after midnight UTC)`);
      } else {
        // Read without a tree too, one time after the other: the first one missing says how the message was cut.
        for (let off = 8; off < 20; off += 4) tvb.check(off, 4);
      }
      break;
    case TYPE.MASKREQ: case TYPE.MASKREPLY:
      addItem(t, icmpFields.addressMask, tvb, 8, 4);
      break;
    case TYPE.EXTECHO:
      // RFC 8335: the interface asked about, as an extension object.
      if (tvb.reported > 8) dissectIcmpExtensions(tvb.sub(8), pinfo, t);
      break;
    default:
      // Other types show nothing past their eight bytes (tshark 4.0: no data layer for them).
      break;
  }
  // The "icmp" tap (icmp,srt): an echo's transaction, once the message is dissected.
  if (echo) pinfo.tap('icmp', echo);
  return tvb.length;
}

/**
 * The timeval ping(8) puts at the start of an echo's data, as Wireshark
 * guesses it: seconds and microseconds, big-endian or else little-endian,
 * taken only when within a day of the frame's own time.
 */
function echoDataTimestamp(tvb: Tvb, frameSec: number): { sec: number; nsec: number } | null {
  // The C code compares abs((int)(secs - frame secs)): a 32-bit difference, whose abs(INT_MIN) stays negative.
  const plausible = (sec: number, usec: number): boolean => {
    const d = (sec - frameSec) | 0;
    // The microseconds are a C int there: a value with the top bit set is negative, so "below a million".
    return (d === -0x80000000 || Math.abs(d) < 86400) && (usec | 0) < 1000000;
  };
  let sec = tvb.u32(8);
  let usec = tvb.u32(12);
  if (!plausible(sec, usec)) {
    sec = tvb.u32le(8);
    usec = tvb.u32le(12);
  }
  // Times 1000 in that int, wrapping as it does.
  return plausible(sec, usec) ? { sec, nsec: Math.imul(usec, 1000) } : null;
}

/** The checksum the reply to a request with checksum `c` will carry (one's-complement sum of ~c and ~0x0800, complemented). */
function requestKeyChecksum(c: number): number {
  let sum = (~c & 0xffff) + (~0x0800 & 0xffff);
  sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

const MS_PER_DAY = 86_400_000;

/** signed_time_msecs_to_str of a 32-bit value. */
function msecsText(ms: number): string {
  const v = ms | 0;
  return durationText(Math.trunc(v / 1000), v % 1000);
}

/**
 * get_best_guess_mstimeofday: the big- or little-endian reading of a
 * timestamp, whichever is a time of day (high bit cleared, RFC 792's "not
 * standard" flag) nearer `frameMs`, in Wireshark's unsigned arithmetic.
 */
function bestGuessTimeOfDay(be: number, le: number, frameMs: number): number {
  const b = be & 0x7fffffff;
  const l = le & 0x7fffffff;
  if (b < MS_PER_DAY && l >= MS_PER_DAY) return b;
  if (l < MS_PER_DAY && b >= MS_PER_DAY) return l;
  const dist = (x: number): number => (x - frameMs) >>> 0;
  if (b < MS_PER_DAY && l < MS_PER_DAY) {
    // A rollover to a new day: an early time against a late frame counts as tomorrow.
    const late = frameMs >= MS_PER_DAY - MS_PER_DAY / 4;
    const bb = b < frameMs && b <= MS_PER_DAY / 4 && late ? b + MS_PER_DAY : b;
    const ll = l < frameMs && l <= MS_PER_DAY / 4 && late ? l + MS_PER_DAY : l;
    return dist(bb) < dist(ll) ? b : l;
  }
  return dist(b) < dist(l) ? b : l;
}

export const icmpDissector = makeDissector('icmp', 'ICMP', dissectIcmp);
defaultRegistry.addUint('ip.proto', 1, icmpDissector);
