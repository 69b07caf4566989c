import { CaptureFileError, CaptureReader, DissectionSession, fieldRegistry, TreeContext } from '@netdissect/core';
import '@netdissect/dns';
import '@netdissect/http';
import '@netdissect/ftp';
import '@netdissect/smtp';
import '@netdissect/pop3';
import '@netdissect/imap';
import { compileFilter, FilterSyntaxError, type CompiledFilter } from '@netdissect/filter';

/** A filter compiled against every protocol netdissect ships, or why it could not be. */
export type Compiled = { ok: true; filter: CompiledFilter } | { ok: false; error: FilterSyntaxError };

export function compileAll(texts: readonly string[]): Map<string, Compiled> {
  const out = new Map<string, Compiled>();
  for (const text of texts) {
    try {
      out.set(text, { ok: true, filter: compileFilter(text) });
    } catch (e) {
      if (!(e instanceof FilterSyntaxError)) throw e;
      out.set(text, { ok: false, error: e });
    }
  }
  return out;
}

/**
 * Dissect a capture once (one pass, as tshark -Y) with a tree pruned to
 * what the filters read, and list the frames each filter passes.
 */
export async function framesPassing(file: string, filters: readonly CompiledFilter[]): Promise<number[][]> {
  const interest = new Uint8Array(fieldRegistry.size);
  for (const f of filters) for (const d of f.fields) interest[d.id] = 1;
  const tree = new TreeContext(interest, false);
  const session = new DissectionSession();
  const passing = filters.map((): number[] => []);
  const reader = await CaptureReader.open(file);
  try {
    for await (const batch of reader.batches()) {
      for (const raw of batch) {
        const root = session.dissect(raw, tree).tree!;
        filters.forEach((f, i) => {
          if (f.test(root)) passing[i]!.push(raw.no);
        });
      }
    }
  } catch (e) {
    // A damaged capture: the frames read before the damage count, as in tshark.
    if (!(e instanceof CaptureFileError)) throw e;
  } finally {
    await reader.close();
  }
  return passing;
}

/** "1-3,7" -> [1, 2, 3, 7] */
export function parseRanges(s: string): number[] {
  const out: number[] = [];
  for (const part of s.split(',')) {
    const [a, b] = part.split('-').map(Number);
    for (let n = a!; n <= (b ?? a!); n++) out.push(n);
  }
  return out;
}
