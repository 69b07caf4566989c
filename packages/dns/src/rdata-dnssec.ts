import { type FieldDef, type FieldNode, type Tvb, durationText, addItem, appendLabel } from '@netdissect/core';
import { ei, f } from './fields.js';
import { appendInfo, appendSummary, nameAt, rawRData, type RdataContext, type RdataDecoder } from './rdata-context.js';
import { RRType, rrTypeDescription } from './value-strings.js';

const DNS_ALGO_RSAMD5 = 1;
const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** A 32-bit seconds-since-epoch field (ENC_TIME_SECS). */
function addEpochSeconds(tree: FieldNode | null, field: FieldDef, tvb: Tvb, off: number): number {
  const secs = tvb.u32(off);
  tree?.add(field, tvb, off, 4, { sec: secs, nsec: 0 });
  return secs;
}

/** A length that must not be negative when handed to proto_tree_add_item. */
function byteRun(tree: FieldNode | null, field: FieldDef, tvb: Tvb, off: number, len: number): Uint8Array {
  addItem(tree, field, tvb, off, len);
  return tvb.copy(off, len);
}

/**
 * The RFC 4034 type bitmap: window blocks of bits, each set bit one RR
 * type, added as dns.resp.type items. Returns the types.
 */
export function typeBitmap(tree: FieldNode | null, tvb: Tvb, off: number, len: number): number[] {
  const types: number[] = [];
  let cur = off;
  let rest = len;
  while (rest !== 0) {
    const window = tvb.u8(cur);
    let blockSize = tvb.u8(cur + 1);
    cur += 2;
    rest -= 2;
    let type = window * 256;
    for (; blockSize > 0; blockSize--) {
      const bits = tvb.u8(cur);
      for (let i = 0; i < 8; i++, type++) {
        if (bits & (0x80 >> i)) {
          types.push(type);
          addBitmapType(tree, tvb, cur, type);
        }
      }
      cur++;
      rest--;
    }
  }
  return types;
}

/** The RFC 2535 NXT bitmap: one bit per type from 0. */
function nxtBitmap(tree: FieldNode | null, tvb: Tvb, off: number, len: number): void {
  let cur = off;
  let type = 0;
  for (let rest = len; rest !== 0; rest--) {
    const bits = tvb.u8(cur);
    for (let i = 0; i < 8; i++, type++) if (bits & (0x80 >> i)) addBitmapType(tree, tvb, cur, type);
    cur++;
  }
}

function addBitmapType(tree: FieldNode | null, tvb: Tvb, off: number, type: number): void {
  const item = tree?.add(f.rrType, tvb, off, 1, type) ?? null;
  if (item !== null && item !== tree && item.ctx.full) item.setText(`RR type in bit map: ${rrTypeDescription(type)}`);
}

/**
 * The key tag of a DNSKEY/KEY RDATA of `size` bytes at `off` (RFC 4034
 * appendix B; the RSA/MD5 rule for algorithm 1), or null when too short.
 */
function keyTag(c: RdataContext, off: number, size: number, algorithm: number): number | null {
  const { tvb } = c;
  if (size < 4) {
    // proto_tree_add_expert, then proto_item_set_generated: shown in brackets.
    const item = c.tree ? c.tree.addText(tvb, off, Math.max(0, Math.min(size, tvb.remaining(off))), ei.keyIdBufferTooShort.summary).setGenerated() : null;
    c.pinfo.expert(item === c.tree ? null : item, ei.keyIdBufferTooShort);
    return null;
  }
  if (algorithm === DNS_ALGO_RSAMD5) return (tvb.u8(off + size - 3) << 8) + tvb.u8(off + size - 2);
  let ac = 0;
  let cur = off;
  let n = size;
  for (; n > 1; n -= 2, cur += 2) ac += (tvb.u8(cur) << 8) + tvb.u8(cur + 1);
  if (n > 0) ac += tvb.u8(cur) << 8;
  ac += (ac >>> 16) & 0xffff;
  return ac & 0xffff;
}

/** RRSIG (RFC 4034) and its predecessor SIG. */
function signature(kind: 'RRSIG' | 'SIG'): RdataDecoder {
  return (c, off, len) => {
    const { tvb, tree } = c;
    addItem(tree, f.rrsigTypeCovered, tvb, off, 2);
    addItem(tree, f.rrsigAlgorithm, tvb, off + 2, 1);
    addItem(tree, f.rrsigLabels, tvb, off + 3, 1);
    const ttlItem = addItem(tree, f.rrsigOriginalTtl, tvb, off + 4, 4);
    const originalTtl = tvb.u32(off + 4);
    appendLabel(ttlItem, tree, () => ` (${durationText(originalTtl)})`);
    const expiration = addEpochSeconds(tree, f.rrsigSignatureExpiration, tvb, off + 8);
    const inception = addEpochSeconds(tree, f.rrsigSignatureInception, tvb, off + 12);
    addItem(tree, f.rrsigKeyTag, tvb, off + 16, 2);
    const signer = nameAt(c, off + 18);
    tree?.add(f.rrsigSignersName, tvb, off + 18, signer.used, signer.name);
    const cur = off + 18 + signer.used;
    const rest = len - 18 - signer.used;
    const sig = rest !== 0 ? byteRun(tree, f.rrsigSignature, tvb, cur, rest) : new Uint8Array(0);
    return {
      kind,
      typeCovered: tvb.u16(off),
      algorithm: tvb.u8(off + 2),
      labels: tvb.u8(off + 3),
      originalTtl,
      expiration,
      inception,
      keyTag: tvb.u16(off + 16),
      signerName: signer.name,
      signature: sig,
    };
  };
}

/** DNSKEY (RFC 4034) and CDNSKEY (RFC 7344), with the computed key tag. */
function dnskey(kind: 'DNSKEY' | 'CDNSKEY'): RdataDecoder {
  return (c, off, len) => {
    const { tvb, tree } = c;
    const flagsItem = addItem(tree, f.dnskeyFlags, tvb, off, 2);
    for (const bit of [f.dnskeyFlagsZoneKey, f.dnskeyFlagsKeyRevoked, f.dnskeyFlagsSecureEntryPoint, f.dnskeyFlagsReserved]) addItem(flagsItem, bit, tvb, off, 2);
    addItem(tree, f.dnskeyProtocol, tvb, off + 2, 1);
    addItem(tree, f.dnskeyAlgorithm, tvb, off + 3, 1);
    const algorithm = tvb.u8(off + 3);
    const keyId = keyTag(c, off, len, algorithm);
    if (keyId !== null) tree?.addGenerated(f.dnskeyKeyId, tvb, 0, 0, keyId);
    const publicKey = byteRun(tree, f.dnskeyPublicKey, tvb, off + 4, len - 4);
    return { kind, flags: tvb.u16(off), protocol: tvb.u8(off + 2), algorithm, keyId, publicKey };
  };
}

/** KEY (RFC 2535): flags whose meaning depends on the "no key" combination. */
const key: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  const flagsItem = addItem(tree, f.keyFlags, tvb, off, 2);
  const flags = tvb.u16(off);
  addItem(flagsItem, f.keyFlagsAuthentication, tvb, off, 2);
  addItem(flagsItem, f.keyFlagsConfidentiality, tvb, off, 2);
  if ((flags & 0xc000) !== 0xc000) {
    for (const bit of [f.keyFlagsRequired, f.keyFlagsAssociatedUser, f.keyFlagsAssociatedNamedEntity, f.keyFlagsIpsec, f.keyFlagsMime, f.keyFlagsSignatory]) {
      addItem(flagsItem, bit, tvb, off, 2);
    }
  }
  addItem(tree, f.keyProtocol, tvb, off + 2, 1);
  addItem(tree, f.keyAlgorithm, tvb, off + 3, 1);
  const algorithm = tvb.u8(off + 3);
  const keyId = keyTag(c, off, len, algorithm);
  if (keyId !== null) tree?.addGenerated(f.keyKeyId, tvb, 0, 0, keyId);
  if (len - 4 !== 0) addItem(tree, f.keyPublicKey, tvb, off + 4, len - 4);
  return rawRData(c, off, len);
};

/** DS (RFC 4034), CDS (RFC 7344) and DLV (RFC 4431). */
function delegationSigner(kind: 'DS' | 'CDS' | 'DLV'): RdataDecoder {
  return (c, off, len) => {
    const { tvb, tree } = c;
    addItem(tree, f.dsKeyId, tvb, off, 2);
    addItem(tree, f.dsAlgorithm, tvb, off + 2, 1);
    addItem(tree, f.dsDigestType, tvb, off + 3, 1);
    const digest = byteRun(tree, f.dsDigest, tvb, off + 4, len - 4);
    return { kind, keyTag: tvb.u16(off), algorithm: tvb.u8(off + 2), digestType: tvb.u8(off + 3), digest };
  };
}

const nsec: RdataDecoder = (c, off, len) => {
  const next = nameAt(c, off);
  appendInfo(c, ` ${next.name}`);
  if (c.item) appendSummary(c, `, next domain name ${next.name}`);
  c.tree?.add(f.nsecNextDomainName, c.tvb, off, next.used, next.name);
  const types = typeBitmap(c.tree, c.tvb, off + next.used, len - next.used);
  return { kind: 'NSEC', nextDomainName: next.name, types };
};

const nxt: RdataDecoder = (c, off, len) => {
  const next = nameAt(c, off);
  appendInfo(c, ` ${next.name}`);
  if (c.item) appendSummary(c, `, next domain name ${next.name}`);
  c.tree?.add(f.nxtNextDomainName, c.tvb, off, next.used, next.name);
  nxtBitmap(c.tree, c.tvb, off + next.used, len - next.used);
  return rawRData(c, off, len);
};

/** `bits` bits at bit offset `bitOff` of the tvb, most significant first (tvb_get_bits8). */
function bitsAt(tvb: Tvb, bitOff: number, bits: number): number {
  const first = bitOff >> 3;
  const last = (bitOff + bits - 1) >> 3;
  let v = 0;
  for (let i = first; i <= last; i++) v = (v << 8) | tvb.u8(i);
  const shift = (last + 1) * 8 - (bitOff + bits);
  return (v >>> shift) & ((1 << bits) - 1);
}

/** NSEC3 (RFC 5155): hash parameters, the next hashed owner in base32hex, the type bitmap. */
const nsec3: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  addItem(tree, f.nsec3Algo, tvb, off, 1);
  const flagsItem = addItem(tree, f.nsec3Flags, tvb, off + 1, 1);
  addItem(flagsItem, f.nsec3FlagOptout, tvb, off + 1, 1);
  addItem(tree, f.nsec3Iterations, tvb, off + 2, 2);
  addItem(tree, f.nsec3SaltLength, tvb, off + 4, 1);
  const saltLen = tvb.u8(off + 4);
  let cur = off + 5;
  const salt = byteRun(tree, f.nsec3SaltValue, tvb, cur, saltLen);
  cur += saltLen;
  addItem(tree, f.nsec3HashLength, tvb, cur, 1);
  const hashLen = tvb.u8(cur);
  cur++;
  let hash = '';
  if (hashLen) {
    // Groups of five bits; the last group may take bits past the hash, as in Wireshark.
    let s = '';
    for (let bit = 0; bit >> 3 < hashLen; bit += 5) s += BASE32HEX[bitsAt(tvb, cur * 8 + bit, 5)];
    hash = s;
    tree?.addGenerated(f.nsec3HashValue, tvb, cur, hashLen, hash);
    cur += hashLen;
  }
  const types = typeBitmap(tree, tvb, cur, len - (cur - off));
  return { kind: 'NSEC3', hashAlgorithm: tvb.u8(off), flags: tvb.u8(off + 1), iterations: tvb.u16(off + 2), salt, nextHashedOwner: hash, types };
};

const nsec3param: RdataDecoder = (c, off) => {
  const { tvb, tree } = c;
  appendInfo(c, ` ${c.owner}`);
  addItem(tree, f.nsec3Algo, tvb, off, 1);
  addItem(tree, f.nsec3Flags, tvb, off + 1, 1);
  addItem(tree, f.nsec3Iterations, tvb, off + 2, 2);
  addItem(tree, f.nsec3SaltLength, tvb, off + 4, 1);
  const saltLen = tvb.u8(off + 4);
  const salt = byteRun(tree, f.nsec3SaltValue, tvb, off + 5, saltLen);
  return { kind: 'NSEC3PARAM', hashAlgorithm: tvb.u8(off), flags: tvb.u8(off + 1), iterations: tvb.u16(off + 2), salt };
};

/** CSYNC (RFC 7477): SOA serial, flags, type bitmap. */
const csync: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  addItem(tree, f.csyncSoa, tvb, off, 4);
  const flagsItem = addItem(tree, f.csyncFlags, tvb, off + 4, 2);
  addItem(flagsItem, f.csyncFlagsImmediate, tvb, off + 4, 2);
  addItem(flagsItem, f.csyncFlagsSoaminimum, tvb, off + 4, 2);
  addItem(tree, f.csyncTypeBitmap, tvb, off + 6, len - 6);
  typeBitmap(tree, tvb, off + 6, len - 6);
  return rawRData(c, off, len);
};

/** Decoders of the DNSSEC record types (and the older KEY, SIG and NXT). */
export const dnssecDecoders: ReadonlyArray<readonly [number, RdataDecoder]> = [
  [RRType.RRSIG, signature('RRSIG')],
  [RRType.SIG, signature('SIG')],
  [RRType.DNSKEY, dnskey('DNSKEY')],
  [RRType.CDNSKEY, dnskey('CDNSKEY')],
  [RRType.KEY, key],
  [RRType.DS, delegationSigner('DS')],
  [RRType.CDS, delegationSigner('CDS')],
  [RRType.DLV, delegationSigner('DLV')],
  [RRType.NSEC, nsec],
  [RRType.NXT, nxt],
  [RRType.NSEC3, nsec3],
  [RRType.NSEC3PARAM, nsec3param],
  [RRType.CSYNC, csync],
];
