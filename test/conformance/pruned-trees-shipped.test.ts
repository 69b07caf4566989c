import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '@netdissect/dns';
import '@netdissect/http';
import '@netdissect/ftp';
import '@netdissect/smtp';
import '@netdissect/pop3';
import '@netdissect/imap';
import { fieldDisplayValue, type FieldNode } from '@netdissect/core';
import { dissectFrames, fieldInterest, readPackets } from '../support/dissect-frames.js';
import { repoRoot } from '../support/paths.js';

// The crafted captures (layers the corpus lacks) and the lab traffic, with a
// tree pruned to each field a full tree has, alone (-e FIELD): the field's
// values and the columns must come out as with the full tree. A label built
// from an item the pruned tree does not keep, or a branch taken only with a
// tree, shows here as a missing value or a "[Dissector bug]" Info.

const DIRS = ['packages/core/test/network/captures', 'packages/core/test/transport/captures', 'test/lab-traffic/captures'];
const CAPTURES = DIRS.flatMap((d) => readdirSync(join(repoRoot, d)).filter((n) => /\.pcap(ng)?$/.test(n)).map((n) => join(d, n)));

function valuesOfKept(tree: FieldNode, interest: Uint8Array): string[] {
  const out: string[] = [];
  tree.forEach((n) => {
    if (n.def !== null && interest[n.def.id] === 1) out.push(fieldDisplayValue(n));
  });
  return out;
}

describe('trees pruned to one field of the shipped captures', () => {
  it('cover crafted and lab captures', () => {
    expect(CAPTURES.length).toBeGreaterThanOrEqual(15);
  });

  it.each(CAPTURES)('%s: each field alone as in the full tree, columns unchanged', async (capture) => {
    const packets = await readPackets(join(repoRoot, capture));
    const full = dissectFrames(packets);
    const present = new Set<string>();
    for (const f of full) f.tree.forEach((n) => {
      // Protocol items and expert items hang elsewhere in pruned trees (see pruned-trees.test.ts).
      if (n.def !== null && n.def.abbrev !== n.def.proto && !n.def.abbrev.startsWith('_ws.')) present.add(n.def.abbrev);
    });
    for (const field of present) {
      const interest = fieldInterest([field]);
      const pruned = dissectFrames(packets, { fields: [field] });
      for (let i = 0; i < packets.length; i++) {
        const where = `${capture} frame ${packets[i]!.no}, -e ${field}`;
        expect(pruned[i]!.info, where).toBe(full[i]!.info);
        expect(valuesOfKept(pruned[i]!.tree, interest), where).toEqual(valuesOfKept(full[i]!.tree, interest));
      }
    }
    expect(present.size).toBeGreaterThan(10);
  }, 120_000);
});
