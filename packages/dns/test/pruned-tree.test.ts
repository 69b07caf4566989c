// A tree pruned to DNS header fields (-Y 'dns.flags.rcode != 0') skips the
// items of the questions and records, one pruned to header and question
// fields (-e dns.qry.name) those of the records; what the kept fields, the
// columns and the malformed mark say must not change for it.
import { DissectionSession, FieldNode, TreeContext, fieldDisplayValue, fieldRegistry, type FieldDef } from '@netdissect/core';
import '@netdissect/dns';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readAllPackets } from '../../../test/support/resegment-tcp.js';
import { corpusAvailable, corpusPath } from '../../../test/support/paths.js';

const HEADER = ['dns.flags.rcode', 'dns.id', 'dns.count.answers', 'dns.count.add_rr', 'dns.response_in', 'dns.time'];

function interestIn(abbrevs: string[]): Uint8Array {
  const interest = new Uint8Array(fieldRegistry.size);
  for (const a of abbrevs) for (const d of fieldRegistry.lookup(a) as FieldDef[]) interest[d.id] = 1;
  return interest;
}

function valuesOf(root: FieldNode | null, abbrev: string): string[] {
  const out: string[] = [];
  root?.forEach((n) => {
    if (n.def?.abbrev === abbrev) out.push(fieldDisplayValue(n));
  });
  return out;
}

/** Abbreviations of the fields dissectors ask a tree to add while `run` runs. */
function fieldsAsked(run: () => void): Set<string> {
  const asked = new Set<string>();
  const add = FieldNode.prototype.add;
  const addItem = FieldNode.prototype.addItem;
  const spyAdd = vi.spyOn(FieldNode.prototype, 'add').mockImplementation(function (this: FieldNode, def, ...rest) {
    asked.add(def.abbrev);
    return add.call(this, def, ...rest);
  });
  const spyItem = vi.spyOn(FieldNode.prototype, 'addItem').mockImplementation(function (this: FieldNode, def, ...rest) {
    asked.add(def.abbrev);
    return addItem.call(this, def, ...rest);
  });
  try {
    run();
  } finally {
    spyAdd.mockRestore();
    spyItem.mockRestore();
  }
  return asked;
}

afterEach(() => vi.restoreAllMocks());

const CAPTURES = ['dns/dns_udp.pcap', 'dns/dns-wiresharkrepo.pcap', 'dns/edns-opts.pcap', 'dns/nsec3.pcap', 'dns/dns_tcp.pcap', 'dns/dns_axfr.pcapng', 'malformed/dns-invalid-names.pcap'];
const QUESTION = ['dns.qry.name', 'dns.qry.type', 'dns.count.labels'];

/** Pruned trees, the fields compared with a full tree's, and the items they must not be asked for. */
const PRUNINGS = [
  { name: 'header fields', keep: HEADER, unasked: ['dns.qry.', 'dns.resp.', 'dns.a', 'dns.opt'] },
  { name: 'header and question fields', keep: [...HEADER, ...QUESTION], unasked: ['dns.resp.', 'dns.a', 'dns.opt'] },
];

describe.skipIf(!corpusAvailable())('DNS with a pruned tree', () => {
  it.each(CAPTURES)('%s: same values, columns and marks as a full tree, and no items asked for that the tree cannot keep', async (capture) => {
    const packets = await readAllPackets(corpusPath(capture));
    const session = new DissectionSession();
    session.keepHistory = true;
    for (const p of packets) session.dissect(p, null, false);
    const contexts = PRUNINGS.map((pruning) => ({ ...pruning, ctx: new TreeContext(interestIn(pruning.keep)) }));
    const withRecords = new TreeContext(interestIn([...HEADER, 'dns.resp.name']));
    let records = 0;
    for (const p of packets) {
      const full = session.dissect(p, new TreeContext(), true);
      for (const { name, keep, unasked, ctx } of contexts) {
        let pruned = null as ReturnType<typeof session.dissect> | null;
        const asked = fieldsAsked(() => (pruned = session.dissect(p, ctx, true)));
        expect(pruned!.pinfo.cols.info, `${name}, frame ${p.no}`).toBe(full.pinfo.cols.info);
        expect(pruned!.pinfo.malformed).toBe(full.pinfo.malformed);
        for (const a of keep) expect(valuesOf(pruned!.tree, a), `${name}, frame ${p.no}: ${a}`).toEqual(valuesOf(full.tree, a));
        expect([...asked].filter((a) => unasked.some((u) => a.startsWith(u))), `${name}, frame ${p.no}`).toEqual([]);
      }
      // A tree that keeps a record field still gets the records' items.
      if (valuesOf(full.tree, 'dns.resp.name').length > 0) {
        records++;
        let wide = null as ReturnType<typeof session.dissect> | null;
        const asked = fieldsAsked(() => (wide = session.dissect(p, withRecords, true)));
        expect(asked.has('dns.resp.name')).toBe(true);
        expect(valuesOf(wide!.tree, 'dns.resp.name')).toEqual(valuesOf(full.tree, 'dns.resp.name'));
      }
    }
    if (!capture.startsWith('malformed/')) expect(records).toBeGreaterThan(0);
  });
});
