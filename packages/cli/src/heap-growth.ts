import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what the last full collection left
 * live, in percent. By default it picks a factor between 1.1 and 4 from the
 * collector's speed, and a streaming pass (a steady live set of open flows,
 * a stream of short-lived garbage) settles near 2: on the million-packet
 * bench file about 105 MB live became a 180 MB heap and 317 MB resident.
 * At 1.5 the resident peak is 40 MB lower for about the same time (two A/B
 * pairs of `-T fields`: 317/319 → 277/273 MB, wall 45.4/44.7 → 47.3/42.9 s,
 * user CPU 51.0/49.9 → 55.4/50.6 s: full collections come more often, but
 * their marking is mostly concurrent, on the other core).
 */
const HEAP_GROWING_PERCENT = 50;

/** Applies the growth limit to this process (V8 reads the flag at each full collection). */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
