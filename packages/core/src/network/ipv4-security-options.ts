import type { FieldDef } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import type { Tvb } from '../dissection/tvb.js';
import { FT } from '../fields/field-def.js';
import { ipOptionExperts, ipOptionFields, rfc791SecurityLevels } from './ipv4-option-fields.js';
import { optionHeader, type IpOption } from './ipv4-option-header.js';

const f = ipOptionFields;
const firstAuthorityByte = [f.secProtAuthGenser, f.secProtAuthSiopEsi, f.secProtAuthSci, f.secProtAuthNsa, f.secProtAuthDoe, f.secProtAuthUnassigned, f.secProtAuthFti];
const laterAuthorityByte = [f.secProtAuthUnassigned2, f.secProtAuthFti];

/** proto_tree_add_bitmask: the byte, its bits under it, and the names of the flags set after its value. */
function addAuthorityFlags(tree: FieldNode | null, tvb: Tvb, off: number, bits: readonly FieldDef[]): void {
  if (!tree) return;
  const value = tvb.u8(off);
  const item = tree.addItem(f.secProtAuthFlags, tvb, off, 1);
  for (const bit of bits) {
    item.addItem(bit, tvb, off, 1);
    if (bit.type === FT.BOOLEAN && value & bit.bitmask!) item.appendText(`, ${bit.name}`);
  }
}

/**
 * Security (dissect_ipopt_security): eleven bytes whose first two are an
 * RFC 791 security level are RFC 791's option; anything else is read as
 * RFC 1108's classification level and protection authority bytes.
 */
export function dissectSecurity(o: IpOption): void {
  const { tvb, pinfo } = o;
  const optlen = tvb.reported;
  const item = optionHeader(o, optlen);
  let at = 2;
  if (optlen === 11 && rfc791SecurityLevels.has(tvb.u16(at))) {
    item?.addItem(f.secRfc791Sec, tvb, 2, 2);
    item?.addItem(f.secRfc791Comp, tvb, 4, 2);
    item?.addItem(f.secRfc791Hr, tvb, 6, 2);
    item?.addItem(f.secRfc791Tcc, tvb, 8, 3);
    return;
  }
  item?.addItem(f.secCl, tvb, at, 1);
  at++;
  if (at >= optlen) return;
  let val = tvb.u8(at);
  addAuthorityFlags(item, tvb, at, firstAuthorityByte);
  at++;
  while (val & 0x01) {
    if (at === optlen) {
      pinfo.expert(item, ipOptionExperts.secProtAuthFti);
      break;
    }
    val = tvb.u8(at);
    addAuthorityFlags(item, tvb, at, laterAuthorityByte);
    at++;
  }
  if (at < optlen) pinfo.expert(item, ipOptionExperts.extraneousData);
}

/** Extended Security (RFC 1108): a format code and the additional security information. */
export function dissectExtendedSecurity(o: IpOption): void {
  const { tvb } = o;
  const item = optionHeader(o, tvb.reported);
  item?.addItem(f.extSecFormatCode, tvb, 2, 1);
  const remaining = tvb.reported - 3;
  if (remaining > 0) item?.addItem(f.extSecInfo, tvb, 3, remaining);
}

/** The longest tag that fits in an IPv4 header after the option's own six bytes. */
const CIPSO_TAG_LEN_MAX = 34;

/** g_strlcat into a buffer of `size` bytes: what does not fit is dropped. */
function appendCapped(list: string, item: string, size: number): string {
  const s = list === '' ? item : `${list},${item}`;
  return s.length > size - 1 ? s.slice(0, size - 1) : s;
}

/** Restrictive category bitmap: the numbers of the bits set. */
function bitmapCategories(bytes: Uint8Array): string {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) for (let b = 0; b < 8; b++) if (bytes[i]! & (0x80 >> b)) out.push(i * 8 + b);
  return out.join(',');
}

/** Commercial Security (CIPSO, FIPS 188): the domain of interpretation, then its tags. */
export function dissectCipso(o: IpOption): void {
  const { tvb, pinfo } = o;
  const max = tvb.reported;
  const item = optionHeader(o, max);
  item?.addItem(f.cipsoDoi, tvb, 2, 4);
  let at = 6;
  while (at < max) {
    const tagType = tvb.u8(at);
    const tagItem = item ? item.addItem(f.cipsoTagType, tvb, at, 1) : null;
    const taglen = at + 1 < max ? tvb.u8(at + 1) : 1;
    const bad = (min: number) => taglen < min || taglen > CIPSO_TAG_LEN_MAX || at + taglen - 1 > max;
    switch (tagType) {
      case 0:
        at += 1;
        continue;
      case 1:
      case 2:
      case 5: {
        if (bad(4)) {
          pinfo.expert(tagItem, ipOptionExperts.cipsoTag);
          return;
        }
        at += 3;
        item?.addItem(f.cipsoSensitivityLevel, tvb, at, 1);
        at += 1;
        if (taglen <= 4) break;
        const catLen = taglen - 4;
        if (tagType === 1) {
          const cats = bitmapCategories(tvb.view(at, catLen));
          item?.add(f.cipsoCategories, tvb, at, catLen, cats);
          at += catLen;
          break;
        }
        const end = at + catLen;
        let cats = '';
        if (tagType === 2) {
          for (; at + 2 <= end; at += 2) cats = appendCapped(cats, String(tvb.u16(at)), 6 * 15);
        } else {
          while (at + 2 <= end) {
            const high = tvb.u16(at);
            let low = 0;
            if (at + 4 <= end) {
              low = tvb.u16(at + 2);
              at += 4;
            } else {
              at += 2;
            }
            cats = appendCapped(cats, low !== high ? `${high}-${low}` : String(high), 6 * 16);
          }
        }
        item?.add(f.cipsoCategories, tvb, at - taglen + 4, catLen, cats);
        break;
      }
      case 6:
      case 7:
        if (bad(tagType === 6 ? 4 : 2)) {
          pinfo.expert(tagItem, ipOptionExperts.cipsoTag);
          return;
        }
        item?.addItem(f.cipsoTagData, tvb, at + 2, taglen - 2);
        at += taglen;
        break;
      default:
        // An unknown tag ends the option's dissection.
        if (at + 1 <= max) tagItem?.appendText(` (${tvb.u8(at + 1)} bytes)`);
        return;
    }
  }
}
