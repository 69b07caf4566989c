import { describe, expect, it, vi } from 'vitest';
import '@netdissect/dns';
import '@netdissect/http';
import '@netdissect/ftp';
import { imfDissector } from '@netdissect/smtp';
import '@netdissect/pop3';
import '@netdissect/imap';
import {
  defaultRegistry, fieldDisplayValue, fieldRegistry, FieldNode, PacketInfo, unreadProtocols,
  type Dissector, type FieldDef, type RawPacket,
} from '@netdissect/core';
import { relative } from 'node:path';
import { dissectFrames, fieldInterest, readPackets } from '../support/dissect-frames.js';
import { corpusAndShippedCaptures, corpusAvailable, corpusDir, repoRoot } from '../support/paths.js';

// With -T fields or -Y alone, protocols none of the read fields can come
// from are not dissected at all (SessionOptions.skip). Whatever is skipped,
// every read field must come out as when everything is dissected.

const FIELD_SETS: ReadonlyArray<readonly string[]> = [
  // Lower layers only: every application protocol is skipped.
  ['frame.number', 'ip.src', 'ipv6.dst', 'tcp.stream', 'tcp.analysis.retransmission', 'udp.length'],
  ['eth.src', 'tcp.srcport', 'tcp.len', 'ip.reassembled_in'],
  // One application protocol read: the ones that cannot carry it are skipped.
  ['dns.qry.name', 'dns.flags.rcode'],
  ['pop.request.command', 'tcp.seq'],
  ['imf.subject', 'ip.dst'],
  ['ftp-data.command', 'ftp.response.code'],
  // The benchmark's -T fields set.
  ['frame.number', 'ip.src', 'tcp.stream', 'dns.qry.name', 'http.request.uri', 'smtp.req.command'],
];

function fieldDefs(names: readonly string[]): FieldDef[] {
  return names.flatMap((n) => fieldRegistry.lookup(n) ?? []);
}

/** Each read field's values, frame by frame, as "abbrev=value" lines in tree order. */
function readValues(packets: readonly RawPacket[], fields: readonly string[], skip: Set<string> | undefined): string[][] {
  const interest = fieldInterest(fields);
  return dissectFrames(packets, { fields, skip, columns: false }).map((f) => {
    const out: string[] = [];
    f.tree.forEach((n) => {
      if (n.def !== null && interest[n.def.id] === 1) out.push(`${n.def.abbrev}=${fieldDisplayValue(n)}`);
    });
    return out;
  });
}

describe.skipIf(!corpusAvailable())('protocols nobody reads are skipped', () => {
  it('each field set skips some protocols, and none whose fields it reads', () => {
    for (const fields of FIELD_SETS) {
      const skip = unreadProtocols(defaultRegistry, fieldDefs(fields));
      expect(skip.size, fields.join(' ')).toBeGreaterThan(0);
      for (const def of fieldDefs(fields)) expect(skip.has(def.proto), `${def.abbrev} in ${fields.join(' ')}`).toBe(false);
    }
    // Lower layers only: all six application protocols go.
    const lower = unreadProtocols(defaultRegistry, fieldDefs(FIELD_SETS[0]!));
    for (const p of ['dns', 'http', 'smtp', 'imf', 'pop', 'imap', 'ftp', 'ftp-data', 'mime_multipart']) expect(lower.has(p), p).toBe(true);
    // A field that follows the payload's desegmentation, an expert item or frame.protocols: nothing is skipped.
    for (const f of ['tcp.reassembled_in', 'tcp.pdu.size', '_ws.expert.message', '_ws.malformed', 'frame.protocols']) {
      expect(unreadProtocols(defaultRegistry, fieldDefs([f, 'ip.src'])).size, f).toBe(0);
    }
    // SMTP read: IMF, which it carries and whose failure would cut its items short, is not skipped.
    expect(unreadProtocols(defaultRegistry, fieldDefs(['smtp.req.command'])).has('imf')).toBe(false);
    // HTTP read: what a CONNECT tunnel hands on to (its last act) may still be skipped, as may FTP-DATA
    // (FTP announces it but never calls it); what HTTP bodies go to is not.
    const bench = unreadProtocols(defaultRegistry, fieldDefs(FIELD_SETS[FIELD_SETS.length - 1]!));
    expect([...bench].sort()).toEqual(expect.arrayContaining(['ftp-data', 'imap', 'pop']));
    for (const p of ['http', 'smtp', 'dns', 'imf', 'mime_multipart', 'ftp']) expect(bench.has(p), p).toBe(false);
  });

  // The same values, frame by frame, over the corpus and the crafted captures.
  for (const file of corpusAndShippedCaptures()) {
    const name = relative(file.startsWith(corpusDir) ? corpusDir : repoRoot, file);
    it(`give every read field the values full dissection gives (${name})`, async () => {
      const packets = await readPackets(file);
      for (const fields of FIELD_SETS) {
        const skip = unreadProtocols(defaultRegistry, fieldDefs(fields));
        const want = readValues(packets, fields, undefined);
        const got = readValues(packets, fields, skip);
        for (let i = 0; i < packets.length; i++) expect(got[i], `${name} frame ${packets[i]!.no}, ${fields.join(' ')}`).toEqual(want[i]);
      }
    });
  }

  it('skip the protocols of application-layer frames of the corpus (the test above compares something)', async () => {
    const fields = FIELD_SETS[0]!;
    const skip = unreadProtocols(defaultRegistry, fieldDefs(fields));
    let skipped = 0;
    for (const name of ['smtp/smtp.pcap', 'pop3/pop3.pcap', 'http/get.pcap', 'dns/dns_udp.pcap']) {
      const packets = await readPackets(`${corpusDir}/${name}`);
      const all = dissectFrames(packets, { fields, columns: false });
      const some = dissectFrames(packets, { fields, skip, columns: false });
      for (let i = 0; i < packets.length; i++) if (some[i]!.layers.length < all[i]!.layers.length) skipped++;
    }
    expect(skipped).toBeGreaterThan(20);
  });
});

/**
 * The closure of protocol names a dissector's `carries` reaches, itself
 * included: the only protocols whose fields may appear while it runs.
 */
function carriedProtocols(d: Dissector): Set<string> {
  const out = new Set<string>([d.proto]);
  const todo = [d];
  while (todo.length) {
    for (const entry of todo.pop()!.carries ?? []) {
      for (const next of defaultRegistry.named(entry)) {
        if (out.has(next.proto)) continue;
        out.add(next.proto);
        todo.push(next);
      }
    }
  }
  return out;
}

describe.skipIf(!corpusAvailable())('Dissector.carries declarations', () => {
  it('name every protocol a declared dissector calls or adds fields of, over the corpus and the crafted captures', async () => {
    // Which dissector is running, by wrapping PacketInfo.call/callHeuristic: what it calls, and which fields it adds.
    const stack: Dissector[] = [];
    const wrongs = new Set<string>();
    let checked = 0;
    const proto = PacketInfo.prototype as unknown as Record<string, (...a: unknown[]) => number>;
    const node = FieldNode.prototype as unknown as Record<string, (...a: unknown[]) => FieldNode>;
    const saved = { call: proto.call!, callHeuristic: proto.callHeuristic!, add: node.add!, addItem: node.addItem! };
    const tracked = (fn: (...a: unknown[]) => number) =>
      function (this: unknown, ...a: unknown[]): number {
        const callee = a[0] as Dissector;
        const caller = stack[stack.length - 1];
        if (caller?.carries !== undefined && !carriedProtocols(caller).has(callee.proto)) wrongs.add(`${caller.proto} calls ${callee.proto}`);
        stack.push(callee);
        try {
          return fn.apply(this, a);
        } finally {
          stack.pop();
        }
      };
    const noted = (fn: (...a: unknown[]) => FieldNode) =>
      function (this: unknown, ...a: unknown[]): FieldNode {
        const def = a[0] as FieldDef;
        const d = stack[stack.length - 1];
        if (d?.carries !== undefined && !def.proto.startsWith('_ws.')) {
          checked++;
          // A TCP field added while the payload's dissector runs is TCP's reassembly of it.
          if (def.proto !== 'tcp' && !carriedProtocols(d).has(def.proto)) wrongs.add(`${d.proto} adds ${def.abbrev}`);
        }
        return fn.apply(this, a);
      };
    proto.call = tracked(saved.call);
    proto.callHeuristic = tracked(saved.callHeuristic);
    node.add = noted(saved.add);
    node.addItem = noted(saved.addItem);
    try {
      for (const file of corpusAndShippedCaptures()) dissectFrames(await readPackets(file));
    } finally {
      Object.assign(proto, { call: saved.call, callHeuristic: saved.callHeuristic });
      Object.assign(node, { add: saved.add, addItem: saved.addItem });
    }
    expect([...wrongs]).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });
});

describe.skipIf(!corpusAvailable())('pruned trees and the protocols they cannot keep anything of', () => {
  it('IMF runs without a tree when the tree keeps nothing IMF or what it carries could add', async () => {
    const packets = await readPackets(`${corpusDir}/smtp/smtp.pcap`);
    const trees = (fields: string[]): Array<FieldNode | null> => {
      const spy = vi.spyOn(imfDissector, 'dissect');
      try {
        dissectFrames(packets, { fields });
        return spy.mock.calls.map((c) => c[2]);
      } finally {
        spy.mockRestore();
      }
    };
    const withoutImf = trees(['smtp.req.command', 'dns.qry.name']);
    expect(withoutImf.length).toBeGreaterThan(0);
    expect(withoutImf.every((t) => t === null)).toBe(true);
    // Kept IMF or MIME fields, or an expert item (raised anywhere), give IMF its tree.
    for (const kept of ['imf.subject', 'mime_multipart.boundary', '_ws.expert.message']) {
      const t = trees(['smtp.req.command', kept]);
      expect(t.length, kept).toBeGreaterThan(0);
      expect(t.every((x) => x !== null), kept).toBe(true);
    }
  });
});
