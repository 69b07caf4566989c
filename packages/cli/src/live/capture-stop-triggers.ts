/**
 * What ends a live capture besides -c: Ctrl-C (SIGINT), SIGTERM and
 * -a duration:N. Each only stops the capture, so the pipeline still drains
 * the queue, completes the -w file and prints the statistics. A second
 * Ctrl-C finds no handler left and ends the process the default way.
 */
export class CaptureStopTriggers {
  private timer: NodeJS.Timeout | null = null;
  private readonly onSignal = (): void => this.fire();

  constructor(private readonly stop: () => void) {
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  /** Start the -a duration:N clock (when the capture starts delivering). */
  armDuration(seconds: number | undefined): void {
    if (seconds === undefined) return;
    this.timer = setTimeout(() => this.fire(), seconds * 1000);
  }

  dispose(): void {
    process.removeListener('SIGINT', this.onSignal);
    process.removeListener('SIGTERM', this.onSignal);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(): void {
    this.dispose();
    this.stop();
  }
}
