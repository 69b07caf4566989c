import { formatBytesAsText, formatIPv4, formatIPv6, addAsciiItem, addItem, isOwnNode } from '@netdissect/core';
import { f } from './fields.js';
import { appendInfo, appendSummary, nameAt, rawRData, type RdataDecoder } from './rdata-context.js';
import { RRType, svcbParamKeyNames } from './value-strings.js';

const srv: RdataDecoder = (c, off) => {
  const { tvb, tree } = c;
  addItem(tree, f.srvPriority, tvb, off, 2);
  const priority = tvb.u16(off);
  addItem(tree, f.srvWeight, tvb, off + 2, 2);
  const weight = tvb.u16(off + 2);
  addItem(tree, f.srvPort, tvb, off + 4, 2);
  const port = tvb.u16(off + 4);
  const target = nameAt(c, off + 6);
  tree?.add(f.srvTarget, tvb, off + 6, target.used, target.name);
  appendInfo(c, ` ${priority} ${weight} ${port} ${target.name}`);
  if (c.item) appendSummary(c, `, priority ${priority}, weight ${weight}, port ${port}, target ${target.name}`);
  return { kind: 'SRV', priority, weight, port, target: target.name };
};

/** NAPTR (RFC 3403): order, preference, three character strings and a replacement name. */
const naptr: RdataDecoder = (c, off) => {
  const { tvb, tree } = c;
  let cur = off;
  addItem(tree, f.naptrOrder, tvb, cur, 2);
  const order = tvb.u16(cur);
  cur += 2;
  addItem(tree, f.naptrPreference, tvb, cur, 2);
  const preference = tvb.u16(cur);
  cur += 2;
  const strings: string[] = [];
  for (const [lengthField, textField] of [[f.naptrFlagsLength, f.naptrFlags], [f.naptrServiceLength, f.naptrService], [f.naptrRegexLength, f.naptrRegex]] as const) {
    addItem(tree, lengthField, tvb, cur, 1);
    const n = tvb.u8(cur);
    cur++;
    strings.push(addAsciiItem(tree, textField, tvb, cur, n));
    cur += n;
  }
  const replacement = nameAt(c, cur);
  tree?.addGenerated(f.naptrReplacementLength, tvb, cur, 0, replacement.rawLength);
  tree?.add(f.naptrReplacement, tvb, cur, replacement.used, replacement.name);
  const [flags, service, regexp] = strings as [string, string, string];
  appendInfo(c, ` ${order} ${preference} ${flags}`);
  if (c.item) appendSummary(c, `, order ${order}, preference ${preference}, flags ${flags}`);
  return { kind: 'NAPTR', order, preference, flags, service, regexp, replacement: replacement.name };
};

/** SvcParamKeys (draft-ietf-dnsop-svcb-https) that have a decoded form. */
const SvcParamKey = { MANDATORY: 0, ALPN: 1, NO_DEFAULT_ALPN: 2, PORT: 3, IPV4HINT: 4, ECHCONFIG: 5, IPV6HINT: 6, ODOHCONFIG: 32769 } as const;

function paramName(key: number): string {
  return svcbParamKeyNames.get(key) ?? `key${key}`;
}

/** SVCB and HTTPS (draft-ietf-dnsop-svcb-https): priority, target, then SvcParams to the end of the RDATA. */
const svcb: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  let cur = off;
  addItem(tree, f.svcbPriority, tvb, cur, 2);
  cur += 2;
  const target = nameAt(c, cur);
  tree?.add(f.svcbTarget, tvb, cur, target.used, target.name);
  cur += target.used;
  while (len > cur - off) {
    const param = addItem(tree, f.svcbParam, tvb, cur, -1);
    const own = isOwnNode(param, tree) ? param : null;
    const sub = param ?? tree;
    addItem(sub, f.svcbParamKey, tvb, cur, 2);
    const key = tvb.u16(cur);
    cur += 2;
    addItem(sub, f.svcbParamLength, tvb, cur, 2);
    const length = tvb.u16(cur);
    cur += 2;
    const label = own && own.ctx.full ? own : null;
    label?.appendText(`: ${paramName(key)}`);
    own?.setLength(length + 4);
    const list = (i: number, text: string) => label?.appendText(`${i === 0 ? '=' : ','}${text}`);
    switch (key) {
      case SvcParamKey.MANDATORY:
        for (let i = 0; i < length; i += 2) {
          addItem(sub, f.svcbParamMandatoryKey, tvb, cur, 2);
          list(i, paramName(tvb.u16(cur)));
          cur += 2;
        }
        break;
      case SvcParamKey.ALPN:
        for (let i = 0; i < length; ) {
          addItem(sub, f.svcbParamAlpnLength, tvb, cur, 1);
          const n = tvb.u8(cur);
          cur++;
          list(i, addAsciiItem(sub, f.svcbParamAlpn, tvb, cur, n));
          cur += n;
          i += 1 + n;
        }
        break;
      case SvcParamKey.NO_DEFAULT_ALPN:
        break;
      case SvcParamKey.PORT:
        addItem(sub, f.svcbParamPort, tvb, cur, 2);
        label?.appendText(`=${tvb.u16(cur)}`);
        cur += 2;
        break;
      case SvcParamKey.IPV4HINT:
        for (let i = 0; i < length; i += 4) {
          addItem(sub, f.svcbParamIpv4hint, tvb, cur, 4);
          list(i, formatIPv4(tvb.u32(cur)));
          cur += 4;
        }
        break;
      case SvcParamKey.IPV6HINT:
        for (let i = 0; i < length; i += 16) {
          addItem(sub, f.svcbParamIpv6hint, tvb, cur, 16);
          list(i, formatIPv6(tvb.view(cur, 16), 0));
          cur += 16;
        }
        break;
      case SvcParamKey.ECHCONFIG:
      case SvcParamKey.ODOHCONFIG: {
        const b64 = Buffer.from(tvb.view(cur, length)).toString('base64');
        const item = addItem(sub, key === SvcParamKey.ECHCONFIG ? f.svcbParamEchconfig : f.svcbParamOdohconfig, tvb, cur, length);
        if (isOwnNode(item, sub)) item.setValueText(b64);
        label?.appendText(`=${b64}`);
        cur += length;
        break;
      }
      default:
        if (length > 0) {
          addItem(sub, f.svcbParamValue, tvb, cur, length);
          label?.appendText(`=${formatBytesAsText(tvb.view(cur, length))}`);
          cur += length;
        }
        break;
    }
  }
  return rawRData(c, off, len);
};

/** Decoders of the service-location record types. */
export const serviceDecoders: ReadonlyArray<readonly [number, RdataDecoder]> = [
  [RRType.SRV, srv],
  [RRType.NAPTR, naptr],
  [RRType.SVCB, svcb],
  [RRType.HTTPS, svcb],
];
