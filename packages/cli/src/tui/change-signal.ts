/**
 * A version number plus listeners: long-running work (indexing, a filter
 * pass, a follow) bumps it, and React re-renders through
 * useSyncExternalStore without the work knowing about React.
 */
export class ChangeSignal {
  version = 0;
  private readonly listeners = new Set<() => void>();
  private lastNotify = 0;
  private trailing: NodeJS.Timeout | null = null;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getVersion = (): number => this.version;

  notify(): void {
    if (this.trailing) {
      clearTimeout(this.trailing);
      this.trailing = null;
    }
    this.lastNotify = performance.now();
    this.version++;
    for (const l of this.listeners) l();
  }

  /**
   * Notify at most once per `intervalMs`; a change inside the interval is
   * announced at its end, so the last one is never lost.
   */
  notifyThrottled(intervalMs: number): void {
    const wait = this.lastNotify + intervalMs - performance.now();
    if (wait <= 0) this.notify();
    else if (!this.trailing) this.trailing = setTimeout(() => this.notify(), wait).unref();
  }
}
