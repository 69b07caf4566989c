/**
 * Inside the fuzz worker: every frame dissected (by any run) bumps a
 * counter in memory shared with the watchdog, which is how it tells a
 * slow case from a hung frame; and memory held outside the JS heap is
 * sampled as frames go, since a hostile length could make a dissector
 * allocate far more than the limits allow.
 */
import { getHeapStatistics } from 'node:v8';
import { DissectionSession } from '@netdissect/core';

/** Index of the frame counter in the shared Int32Array. */
export const HEARTBEAT_FRAMES = 0;

export interface MemoryWatch {
  /** Set when external memory stayed above the budget even after a collection. */
  overBudget: string | null;
}

/** Wrap DissectionSession.prototype.dissect (the one the CLI uses) to count frames and watch memory. */
export function installFrameHeartbeat(counter: Int32Array, budget: number, collect: () => void): MemoryWatch {
  const watch: MemoryWatch = { overBudget: null };
  const proto = DissectionSession.prototype;
  const dissect = proto.dissect;
  proto.dissect = function (this: DissectionSession, ...args: Parameters<typeof dissect>) {
    const n = Atomics.add(counter, HEARTBEAT_FRAMES, 1);
    const result = dissect.apply(this, args);
    if ((n & 15) === 0 || args[0].caplen > 16384) checkMemory(watch, budget, collect, args[0].no);
    return result;
  };
  return watch;
}

function checkMemory(watch: MemoryWatch, budget: number, collect: () => void, frame: number): void {
  if (getHeapStatistics().external_memory <= budget) return;
  // Garbage buffers count until collected: only what survives a collection is held.
  collect();
  const external = getHeapStatistics().external_memory;
  if (external > budget && watch.overBudget === null) {
    watch.overBudget = `${(external / 1048576).toFixed(1)} MiB held outside the heap after frame ${frame} (budget ${(budget / 1048576).toFixed(0)} MiB)`;
  }
}
