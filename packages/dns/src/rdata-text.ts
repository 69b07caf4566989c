import { formatText, type FieldDef, addAsciiItem, addItem, addUtf8Item, decodeAscii, cString } from '@netdissect/core';
import { f } from './fields.js';
import { appendInfo, appendSummary, rawRData, type RdataContext, type RdataDecoder } from './rdata-context.js';
import { RRType } from './value-strings.js';

/**
 * TXT and SPF: <character-string>s until RDLENGTH is used up. A length
 * running past RDLENGTH keeps the loop reading, as in Wireshark, until the
 * data ends.
 */
function characterStrings(kind: 'TXT' | 'SPF', lengthField: FieldDef, textField: FieldDef): RdataDecoder {
  return (c, off, len) => {
    const { tvb, tree } = c;
    const strings: string[] = [];
    const utf8 = kind === 'TXT' && c.isMdns;
    let cur = off;
    let rest = len;
    while (rest !== 0) {
      const n = tvb.u8(cur);
      addItem(tree, lengthField, tvb, cur, 1);
      cur++;
      rest--;
      strings.push(utf8 ? addUtf8Item(tree, textField, tvb, cur, n) : addAsciiItem(tree, textField, tvb, cur, n));
      cur += n;
      rest -= n;
    }
    return { kind, strings };
  };
}

/** A <character-string> with its length item: returns the value and the offset after it. */
function lengthPrefixed(c: RdataContext, lengthField: FieldDef, textField: FieldDef, off: number): [string, number] {
  addItem(c.tree, lengthField, c.tvb, off, 1);
  const n = c.tvb.u8(off);
  return [addAsciiItem(c.tree, textField, c.tvb, off + 1, n), off + 1 + n];
}

const hinfo: RdataDecoder = (c, off) => {
  const { tvb, tree } = c;
  const cpuLen = tvb.u8(off);
  const cpu = cString(decodeAscii(tvb.view(off + 1, cpuLen)));
  const osOff = off + 1 + cpuLen;
  const osLen = tvb.u8(osOff);
  const os = cString(decodeAscii(tvb.view(osOff + 1, osLen)));
  appendInfo(c, ` ${cpu} ${os}`);
  if (c.item) appendSummary(c, `, CPU ${cpu}, OS ${os}`);
  addItem(tree, f.hinfoCpuLength, tvb, off, 1);
  addAsciiItem(tree, f.hinfoCpu, tvb, off + 1, cpuLen);
  addItem(tree, f.hinfoOsLength, tvb, osOff, 1);
  addAsciiItem(tree, f.hinfoOs, tvb, osOff + 1, osLen);
  return { kind: 'HINFO', cpu, os };
};

const x25: RdataDecoder = (c, off, len) => {
  appendInfo(c, ` ${c.owner}`);
  lengthPrefixed(c, f.x25Length, f.x25PsdnAddress, off);
  return rawRData(c, off, len);
};

const isdn: RdataDecoder = (c, off, len) => {
  appendInfo(c, ` ${c.owner}`);
  const [, next] = lengthPrefixed(c, f.isdnLength, f.isdnAddress, off);
  // The subaddress is optional.
  if (len - (next - off) > 1) lengthPrefixed(c, f.isdnSaLength, f.isdnSa, next);
  return rawRData(c, off, len);
};

const gpos: RdataDecoder = (c, off, len) => {
  appendInfo(c, ` ${c.owner}`);
  let cur = off;
  cur = lengthPrefixed(c, f.gposLongitudeLength, f.gposLongitude, cur)[1];
  cur = lengthPrefixed(c, f.gposLatitudeLength, f.gposLatitude, cur)[1];
  lengthPrefixed(c, f.gposAltitudeLength, f.gposAltitude, cur);
  return rawRData(c, off, len);
};

/** CAA (RFC 6844): flags, a tag, and a value filed under the tag's own field. */
const caa: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  const flagsItem = addItem(tree, f.caaFlags, tvb, off, 1);
  addItem(flagsItem, f.caaFlagIssuerCritical, tvb, off, 1);
  const flags = tvb.u8(off);
  const cur = off + 1;
  const tagLen = tvb.u8(cur);
  const tag = cString(decodeAscii(tvb.view(cur + 1, tagLen)));
  // RDLENGTH minus the tag is taken as unsigned 16-bit, as Wireshark does.
  const valueLen = (len - (tagLen + 2)) & 0xffff;
  const value = formatText(decodeAscii(tvb.view(cur + 1 + tagLen, valueLen)));
  const field = tagMatches('issue', tag, tagLen) ? f.caaIssue : tagMatches('issuewild', tag, tagLen) ? f.caaIssuewild : tagMatches('iodef', tag, tagLen) ? f.caaIodef : f.caaUnknown;
  const item = tree ? tree.add(field, tvb, cur, 1 + tagLen + valueLen, value) : null;
  item?.add(f.caaTagLength, tvb, cur, 1, tagLen);
  item?.add(f.caaTag, tvb, cur + 1, tagLen, tag);
  item?.add(f.caaValue, tvb, cur + 1 + tagLen, valueLen, value);
  return { kind: 'CAA', flags, tag, value };
};

/** strncmp(tag, name, tagLen) == 0, so a tag that is a prefix of `name` matches it. */
function tagMatches(name: string, tag: string, tagLen: number): boolean {
  for (let i = 0; i < tagLen; i++) {
    const x = i < tag.length ? tag.charCodeAt(i) : 0;
    const y = i < name.length ? name.charCodeAt(i) : 0;
    if (x !== y) return false;
    if (x === 0) return true;
  }
  return true;
}

/** Decoders of the record types made of character strings. */
export const textDecoders: ReadonlyArray<readonly [number, RdataDecoder]> = [
  [RRType.TXT, characterStrings('TXT', f.txtLength, f.txt)],
  [RRType.SPF, characterStrings('SPF', f.spfLength, f.spf)],
  [RRType.HINFO, hinfo],
  [RRType.X25, x25],
  [RRType.ISDN, isdn],
  [RRType.GPOS, gpos],
  [RRType.CAA, caa],
];
