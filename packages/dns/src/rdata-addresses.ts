import { formatIPv4, formatIPv6, type FieldDef, addItem, appendLabel } from '@netdissect/core';
import { f } from './fields.js';
import { appendInfo, appendSummary, nameAt, rawRData, type RdataDecoder } from './rdata-context.js';
import { RRType } from './value-strings.js';

const a: RdataDecoder = (c, off) => {
  const address = formatIPv4(c.tvb.u32(off));
  appendInfo(c, ` ${address}`);
  if (c.item) appendSummary(c, `, addr ${address}`);
  addItem(c.tree, f.a, c.tvb, off, 4);
  return { kind: 'A', address };
};

const aaaa: RdataDecoder = (c, off) => {
  const address = formatIPv6(c.tvb.view(off, 16), 0);
  appendInfo(c, ` ${address}`);
  if (c.item) appendSummary(c, `, addr ${address}`);
  addItem(c.tree, f.aaaa, c.tvb, off, 16);
  return { kind: 'AAAA', address };
};

/** A6 (RFC 2874): prefix length, the address suffix in as few bytes as needed, the prefix name. */
const a6: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  const prefixLen = tvb.u8(off);
  // Wireshark does this arithmetic in unsigned 16 bits.
  const suffixBits = (128 - prefixLen) & 0xffff;
  const suffixOctets = suffixBits ? (Math.trunc((suffixBits - 1) / 8) + 1) & 0xffff : 0;
  const suffix = new Uint8Array(16);
  const first = Math.max(0, 16 - suffixOctets);
  let cur = off + 1;
  for (let i = first; i < 16; i++) suffix[i] = tvb.u8(cur++);
  const prefix = prefixLen > 0 ? nameAt(c, cur) : null;
  const prefixName = prefix ? prefix.name : '';
  const suffixText = formatIPv6(suffix, 0);
  appendInfo(c, ` ${prefixLen} ${suffixText} ${prefixName}`);
  addItem(tree, f.a6PrefixLen, tvb, off, 1);
  if (suffixBits) tree?.add(f.a6AddressSuffix, tvb, off + 1, suffixOctets, suffix);
  if (prefix) tree?.add(f.a6PrefixName, tvb, off + 1 + suffixOctets, prefix.used, prefix.name);
  if (c.item) appendSummary(c, `, addr ${prefixLen} ${suffixText} ${prefixName}`);
  return rawRData(c, off, len);
};

/** WKS: an address, a protocol and a port bitmap, each non-zero bitmap byte listing its ports. */
const wks: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  const address = formatIPv4(tvb.u32(off));
  appendInfo(c, ` ${address}`);
  if (c.item) appendSummary(c, `, addr ${address}`);
  addItem(tree, f.wksAddress, tvb, off, 4);
  addItem(tree, f.wksProtocol, tvb, off + 4, 1);
  let cur = off + 5;
  let rest = len - 5;
  let port = 0;
  while (rest !== 0) {
    const bits = tvb.u8(cur);
    if (bits !== 0) {
      const ports: number[] = [];
      for (let i = 0; i < 8; i++, port++) if (bits & (0x80 >> i)) ports.push(port);
      const item = addItem(tree, f.wksBits, tvb, cur, 1);
      appendLabel(item, tree, () => ` (${ports.join(', ')})`);
    } else {
      port += 8;
    }
    cur++;
    rest--;
  }
  return rawRData(c, off, len);
};

/** APL (RFC 3123): address-prefix items. */
const apl: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  appendInfo(c, ` ${c.owner}`);
  let cur = off;
  let rest = len;
  while (rest > 1) {
    const family = tvb.u16(cur);
    addItem(tree, f.aplAddressFamily, tvb, cur, 2);
    addItem(tree, f.aplCodedPrefix, tvb, cur + 2, 1);
    const partLen = tvb.u8(cur + 3) & 0x7f;
    addItem(tree, f.aplNegation, tvb, cur + 3, 1);
    addItem(tree, f.aplAfdlength, tvb, cur + 3, 1);
    cur += 4;
    rest -= 4;
    const part = tvb.view(cur, partLen);
    if (family === 1 && partLen <= 4) {
      const b = new Uint8Array(4);
      b.set(part);
      tree?.add(f.aplAfdpartIpv4, tvb, cur, partLen, ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0);
    } else if (family === 2 && partLen <= 16) {
      const b = new Uint8Array(16);
      b.set(part);
      tree?.add(f.aplAfdpartIpv6, tvb, cur, partLen, b);
    } else {
      addItem(tree, f.aplAfdpartData, tvb, cur, partLen);
    }
    cur += partLen;
    rest -= partLen;
  }
  return rawRData(c, off, len);
};

/** Types whose RDATA is one opaque block; Info shows the owner name. */
function ownerInfoBytes(field: FieldDef): RdataDecoder {
  return (c, off, len) => {
    appendInfo(c, ` ${c.owner}`);
    addItem(c.tree, field, c.tvb, off, len);
    return rawRData(c, off, len);
  };
}

/** ILNP records and EUI addresses: fixed fields in a row. */
function fixedFields(fields: ReadonlyArray<readonly [FieldDef, number]>): RdataDecoder {
  return (c, off, len) => {
    let cur = off;
    for (const [field, size] of fields) {
      addItem(c.tree, field, c.tvb, cur, size);
      cur += size;
    }
    return rawRData(c, off, len);
  };
}

/** XPF (draft-bellis-dnsop-xpf): the original client's addresses and ports. */
const xpf: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  addItem(tree, f.xpfIpVersion, tvb, off, 1);
  const version = tvb.u8(off);
  const size = version === 4 ? 4 : version === 6 ? 16 : 0;
  if (size) {
    let cur = off + 1;
    addItem(tree, f.xpfProtocol, tvb, cur, 1);
    cur++;
    addItem(tree, size === 4 ? f.xpfSourceIpv4 : f.xpfSourceIpv6, tvb, cur, size);
    cur += size;
    addItem(tree, size === 4 ? f.xpfDestinationIpv4 : f.xpfDestinationIpv6, tvb, cur, size);
    cur += size;
    addItem(tree, f.xpfSport, tvb, cur, 2);
    addItem(tree, f.xpfDport, tvb, cur + 2, 2);
  }
  return rawRData(c, off, len);
};

/** Microsoft's WINS record: flags, timeouts and a list of WINS servers. */
const wins: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  addItem(tree, f.winsLocalFlag, tvb, off, 4);
  addItem(tree, f.winsLookupTimeout, tvb, off + 4, 4);
  addItem(tree, f.winsCacheTimeout, tvb, off + 8, 4);
  addItem(tree, f.winsNbWinsServers, tvb, off + 12, 4);
  let servers = tvb.u32(off + 12);
  let cur = off + 16;
  let rest = len - 16;
  // Each pass reads four more bytes, so a bogus count ends at the end of the data.
  while (rest !== 0 && servers !== 0) {
    addItem(tree, f.winsServer, tvb, cur, 4);
    cur += 4;
    rest -= 4;
    servers--;
  }
  return rawRData(c, off, len);
};

/** Decoders of the address-carrying record types. */
export const addressDecoders: ReadonlyArray<readonly [number, RdataDecoder]> = [
  [RRType.A, a],
  [RRType.AAAA, aaaa],
  [RRType.A6, a6],
  [RRType.WKS, wks],
  [RRType.APL, apl],
  [RRType.NULL, ownerInfoBytes(f.null)],
  [RRType.NSAP, ownerInfoBytes(f.nsapRdata)],
  [RRType.EUI48, fixedFields([[f.eui48, 6]])],
  [RRType.EUI64, fixedFields([[f.eui64, 8]])],
  [RRType.NID, fixedFields([[f.ilnpNodeidPreference, 2], [f.ilnpNodeid, 8]])],
  [RRType.L32, fixedFields([[f.ilnpLocator32Preference, 2], [f.ilnpLocator32, 4]])],
  [RRType.L64, fixedFields([[f.ilnpLocator64Preference, 2], [f.ilnpLocator64, 8]])],
  [RRType.XPF, xpf],
  [RRType.WINS, wins],
];
