import { addAsciiItem, addItem, appendLabel } from '@netdissect/core';
import { ei, f } from './fields.js';
import { appendInfo, nameAt, rawRData, type RdataDecoder } from './rdata-context.js';
import { RRType } from './value-strings.js';

/** CERT (RFC 4398). */
const cert: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  addItem(tree, f.certType, tvb, off, 2);
  addItem(tree, f.certKeyTag, tvb, off + 2, 2);
  addItem(tree, f.certAlgorithm, tvb, off + 4, 1);
  if (len - 5 !== 0) addItem(tree, f.certCertificate, tvb, off + 5, len - 5);
  return rawRData(c, off, len);
};

/** SSHFP (RFC 4255). */
const sshfp: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  addItem(tree, f.sshfpAlgorithm, tvb, off, 1);
  addItem(tree, f.sshfpFingerprintType, tvb, off + 1, 1);
  if (len - 2 !== 0) addItem(tree, f.sshfpFingerprint, tvb, off + 2, len - 2);
  return rawRData(c, off, len);
};

/** IPSECKEY (RFC 4025): a gateway of one of three kinds, then the key. */
const ipseckey: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  addItem(tree, f.ipseckeyGatewayPrecedence, tvb, off, 1);
  addItem(tree, f.ipseckeyGatewayType, tvb, off + 1, 1);
  const gatewayType = tvb.u8(off + 1);
  addItem(tree, f.ipseckeyGatewayAlgorithm, tvb, off + 2, 1);
  let cur = off + 3;
  let rest = len - 3;
  if (gatewayType === 1 || gatewayType === 2) {
    const size = gatewayType === 1 ? 4 : 16;
    addItem(tree, gatewayType === 1 ? f.ipseckeyGatewayIpv4 : f.ipseckeyGatewayIpv6, tvb, cur, size);
    cur += size;
    rest -= size;
  } else if (gatewayType === 3) {
    const gw = nameAt(c, cur);
    tree?.add(f.ipseckeyGatewayDns, tvb, cur, gw.used, gw.name);
    cur += gw.used;
    rest -= gw.used;
  }
  if (rest !== 0) addItem(tree, f.ipseckeyPublicKey, tvb, cur, rest);
  return rawRData(c, off, len);
};

/** TLSA (RFC 6698). */
const tlsa: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  appendInfo(c, ` ${c.owner}`);
  addItem(tree, f.tlsaCertificateUsage, tvb, off, 1);
  addItem(tree, f.tlsaSelector, tvb, off + 1, 1);
  addItem(tree, f.tlsaMatchingType, tvb, off + 2, 1);
  addItem(tree, f.tlsaCertificateAssociationData, tvb, off + 3, len - 3);
  return rawRData(c, off, len);
};

/** HIP (RFC 5205): HIT, public key, then rendezvous server names. */
const hip: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  appendInfo(c, ` ${c.owner}`);
  const hitLen = tvb.u8(off);
  addItem(tree, f.hipHitLength, tvb, off, 1);
  addItem(tree, f.hipPkAlgo, tvb, off + 1, 1);
  const pkLen = tvb.u16(off + 2);
  addItem(tree, f.hipPkLength, tvb, off + 2, 2);
  let cur = off + 4;
  addItem(tree, f.hipHit, tvb, cur, hitLen);
  cur += hitLen;
  addItem(tree, f.hipPk, tvb, cur, pkLen);
  cur += pkLen;
  let rest = len - 4 - hitLen - pkLen;
  while (rest > 1) {
    const server = nameAt(c, cur);
    tree?.add(f.hipRendezvousServer, tvb, cur, server.used, server.name);
    cur += server.used;
    rest -= server.used;
  }
  return rawRData(c, off, len);
};

const dhcid: RdataDecoder = (c, off, len) => {
  appendInfo(c, ` ${c.owner}`);
  addItem(c.tree, f.dhcidRdata, c.tvb, off, len);
  return rawRData(c, off, len);
};

/** ZONEMD (RFC 8976). */
const zonemd: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  addItem(tree, f.zonemdSerial, tvb, off, 4);
  addItem(tree, f.zonemdScheme, tvb, off + 4, 1);
  addItem(tree, f.zonemdHashAlgo, tvb, off + 5, 1);
  addItem(tree, f.zonemdDigest, tvb, off + 6, len - 6);
  return rawRData(c, off, len);
};

/** TKEY (RFC 2930). GSS-API key blobs are shown as bytes. */
const tkey: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  const alg = nameAt(c, off);
  tree?.add(f.tkeyAlgoName, tvb, off, alg.used, alg.name);
  let cur = off + alg.used;
  for (const field of [f.tkeySignatureInception, f.tkeySignatureExpiration]) {
    const secs = tvb.u32(cur);
    tree?.add(field, tvb, cur, 4, { sec: secs, nsec: 0 });
    cur += 4;
  }
  addItem(tree, f.tkeyMode, tvb, cur, 2);
  cur += 2;
  addItem(tree, f.tkeyError, tvb, cur, 2);
  cur += 2;
  addItem(tree, f.tkeyKeySize, tvb, cur, 2);
  const keyLen = tvb.u16(cur);
  cur += 2;
  if (keyLen !== 0) {
    addItem(tree, f.tkeyKeyData, tvb, cur, keyLen);
    cur += keyLen;
  }
  addItem(tree, f.tkeyOtherSize, tvb, cur, 2);
  const otherLen = tvb.u16(cur);
  cur += 2;
  if (otherLen !== 0) addItem(tree, f.tkeyOtherData, tvb, cur, otherLen);
  return rawRData(c, off, len);
};

/** TSIG (RFC 2845). No MAC algorithm is decoded, which is flagged as Wireshark does. */
const tsig: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  const alg = nameAt(c, off);
  tree?.add(f.tsigAlgorithmName, tvb, off, alg.used, alg.name);
  let cur = off + alg.used;
  const high = tvb.u16(cur);
  const secs = high * 0x100000000 + tvb.u32(cur + 2);
  const timeItem = tree?.add(f.tsigTimeSigned, tvb, cur, 6, { sec: secs, nsec: 0 }) ?? null;
  if (high) appendLabel(timeItem, tree, () => ' (high bits set)');
  cur += 6;
  addItem(tree, f.tsigFudge, tvb, cur, 2);
  cur += 2;
  const macLen = tvb.u16(cur);
  addItem(tree, f.tsigMacSize, tvb, cur, 2);
  cur += 2;
  if (macLen !== 0) {
    const mac = addItem(tree, f.tsigMac, tvb, cur, macLen);
    c.pinfo.expert(mac, ei.tsigNoAlgorithm, `No dissector for algorithm:${alg.name}`);
    cur += macLen;
  }
  addItem(tree, f.tsigOriginalId, tvb, cur, 2);
  cur += 2;
  addItem(tree, f.tsigError, tvb, cur, 2);
  cur += 2;
  addItem(tree, f.tsigOtherLen, tvb, cur, 2);
  const otherLen = tvb.u16(cur);
  cur += 2;
  if (otherLen !== 0) addItem(tree, f.tsigOtherData, tvb, cur, otherLen);
  return rawRData(c, off, len);
};

const openpgpkey: RdataDecoder = (c, off, len) => {
  addAsciiItem(c.tree, f.openpgpkey, c.tvb, off, len);
  return rawRData(c, off, len);
};

/** Decoders of key, certificate and transaction-security record types. */
export const keyDecoders: ReadonlyArray<readonly [number, RdataDecoder]> = [
  [RRType.CERT, cert],
  [RRType.SSHFP, sshfp],
  [RRType.IPSECKEY, ipseckey],
  [RRType.TLSA, tlsa],
  [RRType.HIP, hip],
  [RRType.DHCID, dhcid],
  [RRType.ZONEMD, zonemd],
  [RRType.OPENPGPKEY, openpgpkey],
  [RRType.TKEY, tkey],
  [RRType.TSIG, tsig],
];
