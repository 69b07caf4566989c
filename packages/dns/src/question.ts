import { type FieldNode, labelCount, readDnsName, addItem, addSubtree } from '@netdissect/core';
import { f } from './fields.js';
import type { MessageContext } from './message-context.js';
import type { DnsQuestion } from './message-types.js';
import { className, rrTypeName } from './value-strings.js';

const QU_BIT = 0x8000;

/** dissect_dns_query: one entry of the question section. Returns it and the bytes it took. */
export function dissectQuestion(m: MessageContext, off: number, tree: FieldNode | null): [DnsQuestion, number] {
  const { tvb, pinfo } = m;
  const n = readDnsName(tvb, off, m.dataOffset, m.maxPointers, m.names);
  const type = tvb.u16(off + n.used);
  const wireClass = tvb.u16(off + n.used + 2);
  const used = n.used + 4;
  const qu = m.isMdns && (wireClass & QU_BIT) !== 0;
  const cls = m.isMdns ? wireClass & ~QU_BIT : wireClass;
  const typeName = rrTypeName(type);
  const quText = m.isMdns ? `, "${qu ? 'QU' : 'QM'}" question` : '';
  pinfo.cols.appendInfo(` ${typeName} ${n.name}${quText}`);
  if (tree) {
    const q = addSubtree(tree, tvb, off, used, () => `${n.name}: type ${typeName}, class ${className(cls)}${quText}`);
    q?.add(f.qryName, tvb, off, n.used, n.name);
    q?.addGenerated(f.qryNameLen, tvb, off, n.used, n.rawLength > 1 ? n.rawLength : 0);
    q?.addGenerated(f.countLabels, tvb, off, n.used, labelCount(n.name, n.rawLength));
    addItem(q, f.qryType, tvb, off + n.used, 2);
    if (m.isMdns) {
      q?.add(f.qryClassMdns, tvb, off + n.used + 2, 2, cls);
      q?.add(f.qryQu, tvb, off + n.used + 2, 2, qu ? 1 : 0);
    } else {
      q?.add(f.qryClass, tvb, off + n.used + 2, 2, cls);
    }
  }
  return [{ name: n.name, type, class: cls, unicastResponse: qu }, used];
}
