import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths.js';

export const NETDISSECT = join(repoRoot, 'packages', 'cli', 'bin', 'netdissect.js');

let serial = 0;

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

function shellQuote(s: string): string {
  return `'${s.replaceAll("'", "'\\''")}'`;
}

/**
 * netdissect running in a real terminal: a detached tmux session of the
 * given size. After the program exits, the pane prints its exit status and
 * the terminal's line discipline (icanon, echo), then __END, so a test can
 * see both.
 */
export class TmuxSession {
  readonly name = `netdissect-tui-${process.pid}-${++serial}`;

  /** `command` is a shell command line; CI variables are removed so Ink draws as on a desktop. */
  constructor(command: string, columns = 160, rows = 48) {
    const script = `unset CI CONTINUOUS_INTEGRATION; ${command}; echo "__EXIT=$?"; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo __END; exec sleep 600`;
    // The tmux server quits with its last session; a new one started at that moment can fail once.
    for (let attempt = 1; ; attempt++) {
      try {
        tmux('new-session', '-d', '-s', this.name, '-x', String(columns), '-y', String(rows), script);
        return;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
  }

  /** netdissect with these arguments, from the repository root. */
  static netdissect(args: string[], columns = 160, rows = 48): TmuxSession {
    return new TmuxSession(`cd ${shellQuote(repoRoot)} && TERM=xterm-256color node ${[NETDISSECT, ...args].map(shellQuote).join(' ')}`, columns, rows);
  }

  screen(): string {
    return tmux('capture-pane', '-p', '-t', this.name);
  }

  /** Keys by tmux name ("Down", "Tab", "Enter", "q"). */
  keys(...keys: string[]): void {
    tmux('send-keys', '-t', this.name, ...keys);
  }

  /** Literal text. */
  type(text: string): void {
    tmux('send-keys', '-t', this.name, '-l', text);
  }

  resize(columns: number, rows: number): void {
    tmux('resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows));
  }

  /** Poll the screen until `check` passes; returns the screen it passed on. */
  async waitFor(check: (screen: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const s = this.screen();
      if (check(s)) return s;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; the screen was:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  kill(): void {
    try {
      tmux('kill-session', '-t', this.name);
    } catch {
      // Already gone.
    }
  }
}
