import { CaptureFileError, CaptureReader, DissectionSession, fieldRegistry, TreeContext, type FieldNode } from '@netdissect/core';
import '@netdissect/dns';
import '@netdissect/http';
import { compileFilter, type CompiledFilter } from '@netdissect/filter';
import { corpusPath } from '../../../test/support/paths.js';

/** Each frame's tree of a corpus capture, pruned to what `filters` read or 'full' (one pass, as tshark -Y). */
export async function corpusTrees(rel: string, filters: readonly CompiledFilter[] | 'full'): Promise<FieldNode[]> {
  let ctx = new TreeContext(null);
  if (filters !== 'full') {
    const interest = new Uint8Array(fieldRegistry.size);
    for (const f of filters) for (const d of f.fields) interest[d.id] = 1;
    ctx = new TreeContext(interest, false);
  }
  const session = new DissectionSession();
  const trees: FieldNode[] = [];
  const reader = await CaptureReader.open(corpusPath(rel));
  try {
    for await (const batch of reader.batches()) for (const raw of batch) trees.push(session.dissect(raw, ctx).tree!);
  } catch (e) {
    if (!(e instanceof CaptureFileError)) throw e;
  } finally {
    await reader.close();
  }
  return trees;
}

/** The numbers (1-based) of the frames of a corpus capture that pass each filter. */
export async function framesPassing(rel: string, texts: readonly string[]): Promise<number[][]> {
  const filters = texts.map((t) => compileFilter(t));
  const trees = await corpusTrees(rel, filters);
  return filters.map((f) => trees.flatMap((t, i) => (f.test(t) ? [i + 1] : [])));
}
