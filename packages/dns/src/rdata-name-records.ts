import { type FieldDef, durationText, addItem, appendLabel } from '@netdissect/core';
import { f } from './fields.js';
import { appendInfo, appendSummary, nameAt, rawRData, type RdataDecoder } from './rdata-context.js';
import { RRType } from './value-strings.js';

/** NS, CNAME, PTR, DNAME: one name, shown in Info and in the record's summary. */
function targetName(kind: 'NS' | 'CNAME' | 'PTR' | 'DNAME', field: FieldDef, summaryPrefix: string): RdataDecoder {
  return (c, off) => {
    const n = nameAt(c, off);
    appendInfo(c, ` ${n.name}`);
    if (c.item) appendSummary(c, `${summaryPrefix}${n.name}`);
    c.tree?.add(field, c.tvb, off, n.used, n.name);
    return { kind, name: n.name };
  };
}

/** The obsolete mailbox types and NSAP-PTR: one name; Info shows the owner. */
function ownerInfoName(field: FieldDef): RdataDecoder {
  return (c, off, len) => {
    appendInfo(c, ` ${c.owner}`);
    const n = nameAt(c, off);
    c.tree?.add(field, c.tvb, off, n.used, n.name);
    return rawRData(c, off, len);
  };
}

/** Two names in a row (MINFO, RP); Info shows the owner. */
function twoNames(first: FieldDef, second: FieldDef): RdataDecoder {
  return (c, off, len) => {
    appendInfo(c, ` ${c.owner}`);
    const a = nameAt(c, off);
    c.tree?.add(first, c.tvb, off, a.used, a.name);
    const b = nameAt(c, off + a.used);
    c.tree?.add(second, c.tvb, off + a.used, b.used, b.name);
    return rawRData(c, off, len);
  };
}

/** A 16-bit preference then a name (AFSDB, RT); Info shows the owner. */
function preferenceAndName(preference: FieldDef, host: FieldDef): RdataDecoder {
  return (c, off, len) => {
    appendInfo(c, ` ${c.owner}`);
    const n = nameAt(c, off + 2);
    addItem(c.tree, preference, c.tvb, off, 2);
    c.tree?.add(host, c.tvb, off + 2, n.used, n.name);
    return rawRData(c, off, len);
  };
}

const soa: RdataDecoder = (c, off) => {
  const { tvb, tree } = c;
  const mname = nameAt(c, off);
  appendInfo(c, ` ${mname.name}`);
  if (c.item) appendSummary(c, `, mname ${mname.name}`);
  tree?.add(f.soaMname, tvb, off, mname.used, mname.name);
  let cur = off + mname.used;
  const rname = nameAt(c, cur);
  tree?.add(f.soaRname, tvb, cur, rname.used, rname.name);
  cur += rname.used;
  addItem(tree, f.soaSerialNumber, tvb, cur, 4);
  const serial = tvb.u32(cur);
  cur += 4;
  const timers: number[] = [];
  for (const field of [f.soaRefreshInterval, f.soaRetryInterval, f.soaExpireLimit, f.soaMinimumTtl]) {
    const item = addItem(tree, field, tvb, cur, 4);
    const v = tvb.u32(cur);
    appendLabel(item, tree, () => ` (${durationText(v)})`);
    timers.push(v);
    cur += 4;
  }
  return { kind: 'SOA', mname: mname.name, rname: rname.name, serial, refresh: timers[0]!, retry: timers[1]!, expire: timers[2]!, minimum: timers[3]! };
};

const mx: RdataDecoder = (c, off) => {
  const preference = c.tvb.u16(off);
  const n = nameAt(c, off + 2);
  appendInfo(c, ` ${preference} ${n.name}`);
  if (c.item) appendSummary(c, `, preference ${preference}, mx ${n.name}`);
  addItem(c.tree, f.mxPreference, c.tvb, off, 2);
  c.tree?.add(f.mxMailExchange, c.tvb, off + 2, n.used, n.name);
  return { kind: 'MX', preference, exchange: n.name };
};

const kx: RdataDecoder = (c, off, len) => {
  const n = nameAt(c, off + 2);
  const preference = c.tvb.u16(off);
  appendInfo(c, ` ${preference} ${n.name}`);
  if (c.item) appendSummary(c, `, preference ${preference}, kx ${n.name}`);
  addItem(c.tree, f.kxPreference, c.tvb, off, 2);
  c.tree?.add(f.kxKeyExchange, c.tvb, off + 2, n.used, n.name);
  return rawRData(c, off, len);
};

const px: RdataDecoder = (c, off, len) => {
  appendInfo(c, ` ${c.owner}`);
  addItem(c.tree, f.pxPreference, c.tvb, off, 2);
  const map822 = nameAt(c, off + 2);
  c.tree?.add(f.pxMap822, c.tvb, off + 2, map822.used, map822.name);
  const cur = off + 2 + map822.used;
  const mapx400 = nameAt(c, cur);
  c.tree?.add(f.pxMapx400, c.tvb, cur, mapx400.used, mapx400.name);
  return rawRData(c, off, len);
};

const winsR: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  addItem(tree, f.winsrLocalFlag, tvb, off, 4);
  addItem(tree, f.winsrLookupTimeout, tvb, off + 4, 4);
  addItem(tree, f.winsrCacheTimeout, tvb, off + 8, 4);
  const n = nameAt(c, off + 12);
  tree?.add(f.winsrNameResultDomain, tvb, off + 12, n.used, n.name);
  appendInfo(c, ` ${n.name}`);
  if (c.item) appendSummary(c, `, name result domain ${n.name}`);
  return rawRData(c, off, len);
};

const locatorFqdn: RdataDecoder = (c, off, len) => {
  addItem(c.tree, f.ilnpLocatorfqdnPreference, c.tvb, off, 2);
  const n = nameAt(c, off + 2);
  c.tree?.add(f.ilnpLocatorfqdn, c.tvb, off + 2, n.used, n.name);
  return rawRData(c, off, len);
};

/** Decoders of the record types whose data is, or is built around, domain names. */
export const nameRecordDecoders: ReadonlyArray<readonly [number, RdataDecoder]> = [
  [RRType.NS, targetName('NS', f.ns, ', ns ')],
  [RRType.CNAME, targetName('CNAME', f.cname, ', cname ')],
  [RRType.PTR, targetName('PTR', f.ptrDomainName, ', ')],
  [RRType.DNAME, targetName('DNAME', f.dname, ', dname ')],
  [RRType.MD, ownerInfoName(f.md)],
  [RRType.MF, ownerInfoName(f.mf)],
  [RRType.MB, ownerInfoName(f.mb)],
  [RRType.MG, ownerInfoName(f.mg)],
  [RRType.MR, ownerInfoName(f.mr)],
  [RRType.NSAP_PTR, ownerInfoName(f.nsapPtrOwner)],
  [RRType.MINFO, twoNames(f.minfoR, f.minfoE)],
  [RRType.RP, twoNames(f.rpMailbox, f.rpTxtRr)],
  [RRType.AFSDB, preferenceAndName(f.afsdbSubtype, f.afsdbHostname)],
  [RRType.RT, preferenceAndName(f.rtPreference, f.rtIntermediateHost)],
  [RRType.SOA, soa],
  [RRType.MX, mx],
  [RRType.KX, kx],
  [RRType.PX, px],
  [RRType.WINS_R, winsR],
  [RRType.LP, locatorFqdn],
];
