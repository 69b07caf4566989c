/**
 * Heap a piece of work leaves live: `heapUsed` after a full collection,
 * before and after `fn`. Keep what should stay live reachable from the
 * result, or it is collected before the second reading.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function retainedHeapMb<T>(fn: () => T): { mb: number; result: T } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const result = fn();
  gc();
  return { mb: (process.memoryUsage().heapUsed - before) / 1048576, result };
}
