// The terminal UI's filter pass leaves out the frames whose first-pass
// layers name none of the protocols a filter's fields come under
// (layersHoldingFields). That holds only if a frame whose tree holds such a
// field, on any pass, held one of those layers on its first pass, without a
// tree (which drops layers), unless TCP held its payload back then
// (PacketInfo.payloadHeldBack): an entry too narrow would hide frames that pass.
import { DissectionSession, TreeContext, fieldRegistry, holdsLayerOf, layersHoldingFields, type FieldDef, type FieldNode } from '@netdissect/core';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../packages/cli/src/protocols.js';
import { readPackets } from '../support/dissect-frames.js';
import { corpusAndShippedCaptures, corpusAvailable, corpusDir, repoRoot } from '../support/paths.js';

function def(abbrev: string): FieldDef {
  const d = fieldRegistry.lookup(abbrev)?.[0];
  if (!d) throw new Error(`no field ${abbrev}`);
  return d;
}

describe('layersHoldingFields', () => {
  it('names the layers of the listed protocols, and nothing for fields that can be in any frame', () => {
    expect(layersHoldingFields([def('dns.qry.name')])).toEqual(new Set(['dns', 'mdns', 'llmnr']));
    expect(layersHoldingFields([def('http.request.method'), def('dns.flags.rcode')])).toEqual(new Set(['http', 'ssdp', 'dns', 'mdns', 'llmnr']));
    expect(layersHoldingFields([def('tcp.analysis.retransmission'), def('pop.request.command')])).toEqual(new Set(['tcp', 'pop']));
    for (const abbrev of ['frame.len', 'pkt_comment', 'data-text-lines', 'mime_multipart', '_ws.malformed', 'ip.src', 'eth.addr']) {
      expect(layersHoldingFields([def('dns'), def(abbrev)]), abbrev).toBeNull();
    }
    expect(holdsLayerOf(['frame', 'eth', 'ethertype', 'ip', 'udp', 'mdns'], layersHoldingFields([def('dns.qry.name')])!)).toBe(true);
    expect(holdsLayerOf(['frame', 'eth', 'ethertype', 'ip', 'tcp'], layersHoldingFields([def('dns.qry.name')])!)).toBe(false);
  });
});

describe.skipIf(!corpusAvailable())('fields of a listed protocol, over the corpus and the shipped captures', () => {
  let checked = 0;
  /** Fields held under another protocol's layer only (mDNS's dns.*): the entries beyond the protocol itself are used. */
  let underOtherLayers = 0;
  /** Frames whose first-pass layers may grow (TCP held their payload back). */
  let unbound = 0;
  for (const file of corpusAndShippedCaptures()) {
    const name = relative(file.startsWith(corpusDir) ? corpusDir : repoRoot, file);
    it(`are in frames whose first-pass layers name one of their layers (${name})`, async () => {
      const packets = await readPackets(file);
      const session = new DissectionSession();
      session.keepHistory = true;
      const byNumber = new Map(packets.map((p) => [p.no, p.bytes]));
      session.frameBytes = (no) => byNumber.get(no) ?? null;
      const firstPass = packets.map((p) => {
        const { pinfo } = session.dissect(p, null, false);
        return pinfo.payloadHeldBack ? null : [...pinfo.layers];
      });
      const wrong = new Set<string>();
      packets.forEach((p, i) => {
        const { tree } = session.dissect(p, new TreeContext(), true);
        const layers = firstPass[i];
        if (layers === null) {
          unbound++;
          return;
        }
        const walk = (n: FieldNode): void => {
          for (const k of n.children ?? []) {
            const wanted = k.def ? layersHoldingFields([k.def]) : null;
            if (wanted !== null) {
              checked++;
              if (!holdsLayerOf(layers, wanted)) wrong.add(`frame ${p.no}: ${k.def!.abbrev} with layers ${layers.join(':')}`);
              else if (!layers.includes(k.def!.proto)) underOtherLayers++;
            }
            walk(k);
          }
        };
        walk(tree!);
      });
      expect([...wrong]).toEqual([]);
    });
  }

  it('were found (the tests above compare something)', () => {
    expect(checked).toBeGreaterThan(100_000);
    expect(underOtherLayers).toBeGreaterThan(100);
    expect(unbound).toBeGreaterThan(0);
  });
});
