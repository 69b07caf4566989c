import { useSyncExternalStore } from 'react';
import type { ChangeSignal } from './change-signal.js';

const never = (): (() => void) => () => {};
const zero = (): number => 0;

/** Re-render whenever `signal` (if any) reports a change; returns its version. */
export function useSignal(signal: ChangeSignal | null | undefined): number {
  return useSyncExternalStore(signal ? signal.subscribe : never, signal ? signal.getVersion : zero);
}
