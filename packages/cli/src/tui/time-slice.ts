/** How long background work runs before it lets keystrokes and rendering in. */
export const SLICE_MS = 12;

/** Give the event loop a turn (input, timers, rendering) before going on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
