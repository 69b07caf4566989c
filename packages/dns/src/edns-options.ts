import { addAsciiItem, addItem, addUtf8Item, isOwnNode } from '@netdissect/core';
import type { FieldDef } from '@netdissect/core';
import { ei, f } from './fields.js';
import type { EdnsOptionValue } from './message-types.js';
import type { RdataDecoder } from './rdata-context.js';
import { EdnsOption, RRType, ednsOptionNames } from './value-strings.js';

const AFNUM_INET = 1;
const AFNUM_INET6 = 2;

/** One-byte algorithm lists (RFC 6975) for DAU, DHU and N3U. */
const algorithmListField: Partial<Record<number, FieldDef>> = {
  [EdnsOption.DAU]: f.optDau,
  [EdnsOption.DHU]: f.optDhu,
  [EdnsOption.N3U]: f.optN3u,
};

/**
 * OPT (RFC 6891): the pseudo-record's options. Its CLASS and TTL (payload
 * size, extended RCODE, version, DO bit) were shown with the record header.
 * Offsets advance the way Wireshark's do, including its quirks for
 * too-short option lengths, so later options line up as they do there.
 */
const opt: RdataDecoder = (c, off, len) => {
  const { tvb, tree, pinfo } = c;
  const options: EdnsOptionValue[] = [];
  let cur = off;
  let rest = len;
  while (rest > 0) {
    const code = tvb.u16(cur);
    rest -= 2;
    let optLen = tvb.u16(cur + 2);
    rest -= 2;
    const optItem = addItem(tree, f.opt, tvb, cur, 4 + optLen);
    if (isOwnNode(optItem, tree) && optItem.ctx.full) optItem.appendText(`: ${ednsOptionNames.get(code) ?? `Unknown (${code})`}`);
    const sub = optItem;
    const codeItem = addItem(sub, f.optCode, tvb, cur, 2);
    cur += 2;
    const lenItem = addItem(sub, f.optLen, tvb, cur, 2);
    cur += 2;
    addItem(sub, f.optData, tvb, cur, optLen);
    options.push({ code, data: tvb.copy(cur, optLen) });
    const listField = algorithmListField[code];
    if (listField) {
      for (; optLen !== 0; optLen--, rest--, cur++) addItem(sub, listField, tvb, cur, 1);
      continue;
    }
    switch (code) {
      case EdnsOption.CLIENT_SUBNET_EXPERIMENTAL:
      case EdnsOption.CLIENT_SUBNET: {
        if (code === EdnsOption.CLIENT_SUBNET_EXPERIMENTAL) {
          pinfo.expert(codeItem, ei.deprecatedOpcode, `Deprecated opcode. Client subnet OPT assigned as ${EdnsOption.CLIENT_SUBNET}.`);
        }
        const family = tvb.u16(cur);
        addItem(sub, f.optClientFamily, tvb, cur, 2);
        cur += 2;
        addItem(sub, f.optClientNetmask, tvb, cur, 1);
        cur += 1;
        addItem(sub, f.optClientScope, tvb, cur, 1);
        cur += 1;
        // The address length is unsigned 16-bit arithmetic in Wireshark, capped at an IPv6 address.
        let addrLen = (optLen - 4) & 0xffff;
        if (addrLen > 16) {
          pinfo.expert(lenItem, ei.optBadLength);
          addrLen = 16;
        }
        const addr = new Uint8Array(16);
        addr.set(tvb.view(cur, addrLen));
        if (family === AFNUM_INET) {
          sub?.add(f.optClientAddr4, tvb, cur, addrLen, ((addr[0]! << 24) | (addr[1]! << 16) | (addr[2]! << 8) | addr[3]!) >>> 0);
        } else if (family === AFNUM_INET6) {
          sub?.add(f.optClientAddr6, tvb, cur, addrLen, addr);
        } else {
          addItem(sub, f.optClientAddr, tvb, cur, optLen - 4);
        }
        cur += optLen - 4;
        rest -= optLen;
        break;
      }
      case EdnsOption.COOKIE:
        addItem(sub, f.optCookieClient, tvb, cur, 8);
        cur += 8;
        rest -= 8;
        optLen = (optLen - 8) & 0xffff;
        addItem(sub, f.optCookieServer, tvb, cur, optLen);
        cur += optLen;
        rest -= optLen;
        break;
      case EdnsOption.TCP_KEEPALIVE:
        if (optLen === 2) addItem(sub, f.optEdnsTcpKeepaliveTimeout, tvb, cur, 2);
        cur += optLen;
        rest -= optLen;
        break;
      case EdnsOption.PADDING:
        addItem(sub, f.optPadding, tvb, cur, optLen);
        cur += optLen;
        rest -= optLen;
        break;
      case EdnsOption.CHAIN:
        if (optLen) addAsciiItem(sub, f.optChainFqdn, tvb, cur, optLen);
        cur += optLen;
        rest -= optLen;
        break;
      case EdnsOption.EXTENDED_ERROR:
        // A one-byte option is not stepped over: Wireshark reads the next option one byte early.
        if (optLen >= 2) {
          addItem(sub, f.optExtErrorInfoCode, tvb, cur, 2);
          cur += 2;
          rest -= 2;
          if (optLen > 2) {
            addUtf8Item(sub, f.optExtErrorExtraText, tvb, cur, optLen - 2);
            cur += optLen - 2;
            rest -= optLen - 2;
          }
        }
        break;
      default:
        cur += optLen;
        rest -= optLen;
        break;
    }
  }
  const ttl = c.rrTtl;
  return { kind: 'OPT', udpPayloadSize: c.rrClass, extendedRcode: ttl >>> 24, version: (ttl >>> 16) & 0xff, dnssecOk: (ttl & 0x8000) !== 0, options };
};

export const ednsDecoders: ReadonlyArray<readonly [number, RdataDecoder]> = [[RRType.OPT, opt]];
