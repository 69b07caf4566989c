/** How long background work runs before it lets keystrokes and rendering in. */
export const SLICE_MS = 8;

let held: Promise<void> | null = null;

/**
 * Background work (the first pass, a filter or statistics pass, a follow)
 * waits at its next yield until `until` settles: a keystroke holds it so
 * that the key's frame is drawn before the next slice, instead of after one
 * or two more slices.
 */
export function holdBackgroundWork(until: Promise<void>): void {
  held = until;
}

/** Give the event loop a turn (input, timers, rendering) before going on, and wait out a hold. */
export async function yieldToEventLoop(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while (held !== null) {
    const hold = held;
    await hold;
    if (held === hold) held = null;
  }
}
