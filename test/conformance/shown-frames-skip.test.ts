import { describe, expect, it } from 'vitest';
import '@netdissect/dns';
import '@netdissect/http';
import '@netdissect/ftp';
import '@netdissect/smtp';
import '@netdissect/pop3';
import '@netdissect/imap';
import { compileFilter } from '@netdissect/filter';
import { defaultRegistry, fieldDisplayValue, labelOf, protocolsOutsideShownFrames, type FieldNode, type RawPacket } from '@netdissect/core';
import { join, relative } from 'node:path';
import { forEachFrame, readPackets } from '../support/dissect-frames.js';
import { corpusAndShippedCaptures, corpusAvailable, corpusDir, repoRoot } from '../support/paths.js';

// With -Y and no statistics, only the frames the filter passes are shown,
// but shown whole (columns, -V tree). When no frame passes without one of
// the filter's fields, protocols that can be in no such frame are not
// dissected (protocolsOutsideShownFrames): every shown frame, and which
// frames are shown, must come out as when everything is dissected.

const FILTERS = [
  // The benchmark's filter (case 4).
  'http.request.method == "POST" || dns.flags.rcode != 0',
  'dns',
  'http',
  'smtp.req.command == "MAIL" || pop.request.command',
  'imf',
  'ftp-data',
  'imap.request.command == "LOGIN" || ftp.request.command',
  'json || xml || mime_multipart',
];

/** A frame as shown: its columns, protocol stack and whole tree, one line per item. */
function shown(pinfo: { cols: { protocol: string; info: string }; layers: readonly string[] }, tree: FieldNode): string {
  const lines = [`${pinfo.cols.protocol} | ${pinfo.cols.info} | ${pinfo.layers.join(':')}`];
  const walk = (n: FieldNode, depth: number): void => {
    for (const k of n.children ?? []) {
      lines.push(`${' '.repeat(depth)}${labelOf(k)} [${k.def?.abbrev ?? ''}=${k.def ? fieldDisplayValue(k) : ''}]`);
      walk(k, depth + 1);
    }
  };
  walk(tree, 0);
  return lines.join('\n');
}

/** Each frame the filter passes, by number, as shown. */
function shownFrames(packets: readonly RawPacket[], filterText: string, skipping: boolean): Map<number, string> {
  const filter = compileFilter(filterText);
  const { skip, keepAfter } = skipping ? protocolsOutsideShownFrames(defaultRegistry, filter.fields) : { skip: undefined, keepAfter: undefined };
  const out = new Map<number, string>();
  forEachFrame(packets, { skip, skipUnlessAfter: keepAfter }, (f) => {
    if (filter.test(f.tree)) out.set(f.no, shown(f.pinfo, f.tree));
  });
  return out;
}

describe.skipIf(!corpusAvailable())('protocols no frame a display filter shows can hold', () => {
  it('are some for each filter, never one it reads, and none for a filter frames pass without its fields', () => {
    for (const text of FILTERS) {
      const f = compileFilter(text);
      expect(f.passesWithoutFields, text).toBe(false);
      const { skip, keepAfter } = protocolsOutsideShownFrames(defaultRegistry, f.fields);
      expect(skip.size, text).toBeGreaterThan(0);
      for (const def of f.fields) {
        expect(skip.has(def.proto), `${def.abbrev} in ${text}`).toBe(false);
        expect(keepAfter.has(def.proto), `${def.abbrev} in ${text}`).toBe(true);
      }
    }
    // The benchmark's filter: the mail protocols and FTP-DATA go; what HTTP bodies go to stays.
    const bench = protocolsOutsideShownFrames(defaultRegistry, compileFilter(FILTERS[0]!).fields).skip;
    for (const p of ['smtp', 'pop', 'imap', 'ftp-data']) expect(bench.has(p), p).toBe(true);
    for (const p of ['http', 'dns', 'imf', 'mime_multipart', 'json', 'data-text-lines', 'media', 'data']) expect(bench.has(p), p).toBe(false);
    // A read protocol that may carry anything (IP, TCP) keeps everything.
    expect(protocolsOutsideShownFrames(defaultRegistry, compileFilter('ip.src == 10.0.0.1 && http').fields).skip.size).toBe(0);
    for (const text of ['!dns', 'not smtp.req.command == "MAIL"', 'dns || !http']) expect(compileFilter(text).passesWithoutFields, text).toBe(true);
  });

  // The same frames shown, the same way, over the corpus and the crafted captures.
  for (const file of corpusAndShippedCaptures()) {
    const name = relative(file.startsWith(corpusDir) ? corpusDir : repoRoot, file);
    it(`show the same frames as full dissection does (${name})`, async () => {
      const packets = await readPackets(file);
      for (const text of FILTERS) {
        const want = shownFrames(packets, text, false);
        const got = shownFrames(packets, text, true);
        expect([...got.keys()], `${name}: frames passing ${text}`).toEqual([...want.keys()]);
        for (const [no, frame] of want) expect(got.get(no), `${name} frame ${no}, ${text}`).toBe(frame);
      }
    });
  }

  it('skip protocols in the corpus (the test above compares something)', async () => {
    let skipped = 0;
    for (const name of ['smtp/smtp.pcap', 'pop3/pop3.pcap', 'http/get.pcap', 'dns/dns_udp.pcap']) {
      const packets = await readPackets(`${corpusDir}/${name}`);
      const { skip, keepAfter } = protocolsOutsideShownFrames(defaultRegistry, compileFilter(FILTERS[0]!).fields);
      const all: number[] = [];
      forEachFrame(packets, {}, (f) => all.push(f.layers.length));
      forEachFrame(packets, { skip, skipUnlessAfter: keepAfter }, (f) => {
        if (f.layers.length < all[f.no - 1]!) skipped++;
      });
    }
    expect(skipped).toBeGreaterThan(20);
  });

  it('dissect what an HTTP frame hands on as its last act (a CONNECT tunnel to SMTP)', async () => {
    const packets = await readPackets(join(repoRoot, 'packages/http/test/captures/connect-tunnel.pcap'));
    const { skip, keepAfter } = protocolsOutsideShownFrames(defaultRegistry, compileFilter('http').fields);
    expect(skip.has('smtp')).toBe(true);
    const stacks = (skipUnlessAfter: ReadonlySet<string> | undefined): string[] => {
      const out: string[] = [];
      forEachFrame(packets, { skip, skipUnlessAfter }, (f) => out.push(`${f.protocol}:${f.layers.join(':')}`));
      return out;
    };
    // The tunnelled SMTP runs in frames that hold HTTP's layer, as with nothing skipped ...
    const full: string[] = [];
    forEachFrame(packets, {}, (f) => full.push(`${f.protocol}:${f.layers.join(':')}`));
    expect(stacks(keepAfter)).toEqual(full);
    expect(full.filter((s) => s.includes(':http:smtp')).length).toBeGreaterThan(2);
    // ... and is skipped without the rule (what the rule is for).
    expect(stacks(undefined).filter((s) => s.includes(':http:smtp'))).toEqual([]);
  });
});
