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
import { corpusAvailable, corpusDir, corpusFiles, craftedCaptures, repoRoot } from '../support/paths.js';

// Each capture with a tree pruned to each field a full tree has, alone
// (-e FIELD): the field's values and the columns must come out as with the
// full tree. A label built from an item the pruned tree does not keep, an
// item placed only under a kept parent, or a branch taken only with a tree,
// shows here as a missing value or a "[Dissector bug]" Info. The crafted
// captures (layers the corpus lacks) and the lab traffic whole; the corpus's
// first frames.

const CAPTURES = craftedCaptures();
/** Frames of each corpus capture (the single-field runs cost fields × frames). */
const CORPUS_FRAMES = 120;

function valuesOfKept(tree: FieldNode, interest: Uint8Array): string[] {
  const out: string[] = [];
  tree.forEach((n) => {
    if (n.def !== null && interest[n.def.id] === 1) out.push(fieldDisplayValue(n));
  });
  return out;
}

/** Every field a full tree has, each alone, against the full tree's values and columns. */
async function expectSingleFieldTreesAsFull(capture: string, frames = Infinity): Promise<number> {
  const packets = (await readPackets(capture)).slice(0, frames);
  const full = dissectFrames(packets);
  const present = new Set<string>();
  for (const f of full) f.tree.forEach((n) => {
    // Protocol items and expert items hang elsewhere in pruned trees (see pruned-trees.test.ts).
    if (n.def !== null && n.def.abbrev !== n.def.proto && !n.def.abbrev.startsWith('_ws.')) present.add(n.def.abbrev);
  });
  for (const field of [...present, '_ws.expert.message']) {
    const interest = fieldInterest([field]);
    const pruned = dissectFrames(packets, { fields: [field] });
    for (let i = 0; i < packets.length; i++) {
      const where = `${capture} frame ${packets[i]!.no}, -e ${field}`;
      expect(pruned[i]!.info, where).toBe(full[i]!.info);
      // Expert items as a set: a pruned tree hangs one raised under a pruned item on the nearest kept one.
      const values = (tree: FieldNode) => (field === '_ws.expert.message' ? valuesOfKept(tree, interest).sort() : valuesOfKept(tree, interest));
      expect(values(pruned[i]!.tree), where).toEqual(values(full[i]!.tree));
    }
  }
  return present.size;
}

describe('trees pruned to one field', () => {
  it('cover the crafted and lab captures', () => {
    expect(CAPTURES.length).toBeGreaterThanOrEqual(15);
  });

  it.each(CAPTURES.map((c) => c.slice(repoRoot.length + 1)))('%s: each field alone as in the full tree, columns unchanged', async (capture) => {
    expect(await expectSingleFieldTreesAsFull(join(repoRoot, capture))).toBeGreaterThan(10);
  }, 120_000);

  // Two captures of the corpus hold no frame at all: nothing to compare.
  const corpusWithFrames = corpusAvailable() ? corpusFiles().map((c) => c.slice(corpusDir.length + 1)).filter((c) => !/^malformed\/empty\./.test(c)) : [];
  it.skipIf(!corpusAvailable()).each(corpusWithFrames)(
    'corpus %s (first frames): each field alone as in the full tree, columns unchanged',
    async (capture) => {
      expect(await expectSingleFieldTreesAsFull(join(corpusDir, capture), CORPUS_FRAMES)).toBeGreaterThan(0);
    },
    120_000,
  );
});
