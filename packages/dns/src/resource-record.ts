import { type FieldNode, readDnsName, durationText, addItem, addSubtree, appendLabel, isOwnNode } from '@netdissect/core';
import { ei, f } from './fields.js';
import type { MessageContext } from './message-context.js';
import type { DnsRData, DnsResourceRecord } from './message-types.js';
import { decodeRData } from './rdata.js';
import { RRType, className, rrTypeName } from './value-strings.js';

const CACHE_FLUSH_BIT = 0x8000;
const EMPTY = new Uint8Array(0);

/** add_rr_to_tree: owner, type, class, TTL and RDLENGTH of an ordinary record. */
function addRecordHeader(m: MessageContext, tree: FieldNode, off: number, owner: string, nameLen: number, type: number): void {
  const { tvb, pinfo } = m;
  if (type === RRType.SRV && owner.length > 0) {
    // The owner of an SRV record is _service._proto.name.
    const first = owner.indexOf('.');
    const second = first < 0 ? -1 : owner.indexOf('.', first + 1);
    tree.add(f.srvService, tvb, off, nameLen, first < 0 ? owner : owner.slice(0, first));
    if (first >= 0) {
      tree.add(f.srvProto, tvb, off, nameLen, second < 0 ? owner.slice(first + 1) : owner.slice(first + 1, second));
      if (second >= 0) tree.add(f.srvName, tvb, off, nameLen, owner.slice(second + 1));
    }
  } else {
    tree.add(f.rrName, tvb, off, nameLen, owner);
  }
  let cur = off + nameLen;
  addItem(tree, f.rrType, tvb, cur, 2);
  cur += 2;
  if (m.isMdns) {
    addItem(tree, f.rrClassMdns, tvb, cur, 2);
    addItem(tree, f.rrCacheFlush, tvb, cur, 2);
  } else {
    addItem(tree, f.rrClass, tvb, cur, 2);
  }
  cur += 2;
  const ttlItem = addItem(tree, f.rrTtl, tvb, cur, 4);
  const ttl = tvb.u32(cur);
  appendLabel(ttlItem, tree, () => ` (${durationText(ttl)})`);
  if (ttl & 0x80000000) pinfo.expert(ttlItem, ei.ttlHighBitSet);
  addItem(tree, f.rrLen, tvb, cur + 4, 2);
}

/** add_opt_rr_to_tree: the OPT pseudo-record's header, whose CLASS and TTL carry EDNS parameters. */
function addOptHeader(m: MessageContext, tree: FieldNode, off: number, owner: string, nameLen: number): void {
  const { tvb } = m;
  tree.add(f.rrName, tvb, off, nameLen, owner);
  let cur = off + nameLen;
  addItem(tree, f.rrType, tvb, cur, 2);
  cur += 2;
  if (m.isMdns) {
    addItem(tree, f.udpPayloadSizeMdns, tvb, cur, 2);
    addItem(tree, f.rrCacheFlush, tvb, cur, 2);
  } else {
    addItem(tree, f.udpPayloadSize, tvb, cur, 2);
  }
  cur += 2;
  addItem(tree, f.rrExtRcode, tvb, cur, 1);
  addItem(tree, f.rrEdns0Version, tvb, cur + 1, 1);
  const z = addItem(tree, f.rrZ, tvb, cur + 2, 2);
  addItem(z, f.rrZDo, tvb, cur + 2, 2);
  addItem(z, f.rrZReserved, tvb, cur + 2, 2);
  addItem(tree, f.rrLen, tvb, cur + 4, 2);
}

function emptyRData(type: number, cls: number, ttl: number): DnsRData {
  // An OPT record without options still carries its EDNS parameters.
  if (type === RRType.OPT) {
    return { kind: 'OPT', udpPayloadSize: cls, extendedRcode: ttl >>> 24, version: (ttl >>> 16) & 0xff, dnssecOk: (ttl & 0x8000) !== 0, options: [] };
  }
  return { kind: 'raw', data: EMPTY };
}

/** dissect_dns_answer: one resource record of any section. Returns it and the bytes it took. */
export function dissectResourceRecord(m: MessageContext, off: number, tree: FieldNode | null): [DnsResourceRecord, number] {
  const { tvb, pinfo } = m;
  const n = readDnsName(tvb, off, m.dataOffset, m.maxPointers, m.names);
  const type = tvb.u16(off + n.used);
  const wireClass = tvb.u16(off + n.used + 2);
  const flush = m.isMdns && (wireClass & CACHE_FLUSH_BIT) !== 0;
  const cls = m.isMdns ? wireClass & ~CACHE_FLUSH_BIT : wireClass;
  const rdataOff = off + n.used + 10;
  const rdlength = tvb.u16(rdataOff - 2);
  const typeName = rrTypeName(type);
  pinfo.cols.appendInfo(flush ? ` ${typeName}, cache flush` : ` ${typeName}`);
  const total = n.used + 10 + rdlength;
  let rrTree: FieldNode | null = null;
  let item: FieldNode | null = null;
  if (tree) {
    // The record's subtree spans its data length: with a tree, a length past the data throws before the record is read.
    const flushText = flush ? ', cache flush' : '';
    rrTree =
      type === RRType.OPT
        ? addSubtree(tree, tvb, off, total, () => `${n.name}: type ${typeName}${flushText}`)
        : addSubtree(tree, tvb, off, total, () => `${n.name}: type ${typeName}, class ${className(cls)}${flushText}`);
    if (rrTree) {
      if (type === RRType.OPT) addOptHeader(m, rrTree, off, n.name, n.used);
      else addRecordHeader(m, rrTree, off, n.name, n.used, type);
    }
    item = isOwnNode(rrTree, tree) && rrTree.ctx.full ? rrTree : null;
  }
  const ttl = tvb.u32(rdataOff - 6);
  const rdata =
    rdlength === 0
      ? emptyRData(type, cls, ttl)
      : decodeRData({ tvb, pinfo, dataOffset: m.dataOffset, maxPointers: m.maxPointers, isMdns: m.isMdns, names: m.names, tree: rrTree, item, owner: n.name, rrClass: cls, rrTtl: ttl }, type, rdataOff, rdlength);
  return [{ name: n.name, type, class: cls, cacheFlush: flush, ttl, rdlength, rdata }, total];
}
