import { holdBackgroundWork } from './time-slice.js';

/** The longest a keystroke holds background work when it draws nothing (a key with no effect). */
const MAX_HOLD_MS = 100;

/**
 * Keystrokes before background work: from the moment input is readable
 * until Ink has written the next frame (at most MAX_HOLD_MS), background
 * slices wait. While a million-frame file is still being indexed this keeps
 * a key's latency to its own work, not the work of the slices around it.
 * Returns the function that undoes it.
 */
export function prioritizeInput(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): () => void {
  let frameWritten: (() => void) | null = null;
  const ownWrite = Object.hasOwn(stdout, 'write');
  const inkWrite = stdout.write;
  // Ink writes each frame with one write; any write ends the hold.
  stdout.write = function (this: NodeJS.WriteStream, ...args: Parameters<NodeJS.WriteStream['write']>) {
    frameWritten?.();
    return inkWrite.apply(this, args);
  } as NodeJS.WriteStream['write'];
  const onInput = (): void => {
    frameWritten?.();
    holdBackgroundWork(
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, MAX_HOLD_MS);
        function done(): void {
          clearTimeout(timer);
          if (frameWritten === done) frameWritten = null;
          resolve();
        }
        frameWritten = done;
      }),
    );
  };
  // Only noted here; Ink's own 'readable' listener reads the keys.
  stdin.prependListener('readable', onInput);
  return () => {
    stdin.removeListener('readable', onInput);
    frameWritten?.();
    if (ownWrite) stdout.write = inkWrite;
    else delete (stdout as { write?: unknown }).write;
  };
}
