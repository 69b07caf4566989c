import type { WriteStream } from 'node:tty';

const ENTER = '\x1b[?1049h\x1b[H';
const LEAVE = '\x1b[?25h\x1b[?1049l';

/** Blank the alternate screen and go to its top-left corner, where Ink starts drawing. */
export function clearAlternateScreen(stdout: WriteStream): void {
  stdout.write('\x1b[2J\x1b[H');
}

/**
 * Switch the terminal to its alternate screen (what full-screen programs
 * draw on, so the shell's screen comes back intact) showing `firstLine`,
 * and return the way back, which runs once — also if the process exits
 * unexpectedly.
 */
export function enterAlternateScreen(stdout: WriteStream, firstLine: string): () => void {
  let left = false;
  const leave = (): void => {
    if (left) return;
    left = true;
    process.removeListener('exit', leave);
    stdout.write(LEAVE);
  };
  process.once('exit', leave);
  stdout.write(`${ENTER}${firstLine}`);
  return leave;
}
