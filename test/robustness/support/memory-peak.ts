/**
 * The most memory held while a run dissects, above what was held before
 * it: JS heap plus external memory (Buffers, ArrayBuffers), sampled after
 * every frame through DissectionSession.prototype.dissect, the method the
 * CLI's pipeline calls. What a frame leaves behind (reassembly buffers,
 * state sized from a hostile length) shows up at that frame; garbage
 * counts until it is collected, so the bounds checked are generous.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DissectionSession } from '@netdissect/core';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const held = (): number => {
  const h = getHeapStatistics();
  return h.used_heap_size + h.external_memory;
};

export async function peakMemoryGrowthMb<T>(run: () => Promise<T>): Promise<{ mb: number; result: T }> {
  gc();
  const base = held();
  let peak = base;
  const proto = DissectionSession.prototype;
  const dissect = proto.dissect;
  proto.dissect = function (this: DissectionSession, ...args: Parameters<typeof dissect>) {
    const r = dissect.apply(this, args);
    peak = Math.max(peak, held());
    return r;
  };
  try {
    const result = await run();
    return { mb: (peak - base) / 1048576, result };
  } finally {
    proto.dissect = dissect;
  }
}
