import { writeFile } from 'node:fs/promises';

/**
 * Writes files in the background, a few at a time, so creating thousands of
 * exported objects overlaps dissection instead of following it. Writes to
 * the same path keep their order (the last one wins, as when written in
 * turn); the first failure is reported by `settled`.
 */
export class FileWriteQueue {
  private readonly waiting: Array<{ path: string; bytes: Uint8Array }> = [];
  private readonly busy = new Set<string>();
  private running = 0;
  private failure: Error | null = null;
  private wakers: Array<() => void> = [];

  constructor(private readonly parallel = 4) {}

  /** Files queued or being written. */
  get backlog(): number {
    return this.waiting.length + this.running;
  }

  /** Queue `bytes` for `path`; they must not change until written. */
  write(path: string, bytes: Uint8Array): void {
    this.waiting.push({ path, bytes });
    this.pump();
  }

  /** Resolves once at most `max` files are queued or being written. */
  async drain(max = 0): Promise<void> {
    while (this.backlog > max) await new Promise<void>((wake) => this.wakers.push(wake));
  }

  /** Resolves when every queued file is written; rejects with the first failure. */
  async settled(): Promise<void> {
    await this.drain(0);
    if (this.failure) throw this.failure;
  }

  private pump(): void {
    for (let i = 0; i < this.waiting.length && this.running < this.parallel; ) {
      const next = this.waiting[i]!;
      // A write to a path already being written waits for it.
      if (this.busy.has(next.path)) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.start(next.path, next.bytes);
    }
  }

  private start(path: string, bytes: Uint8Array): void {
    this.running++;
    this.busy.add(path);
    writeFile(path, bytes)
      .catch((e: Error) => {
        this.failure ??= e;
      })
      .finally(() => {
        this.running--;
        this.busy.delete(path);
        this.pump();
        const wakers = this.wakers;
        this.wakers = [];
        for (const wake of wakers) wake();
      });
  }
}
