import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths.js';

export const netdissectBin = join(repoRoot, 'packages', 'cli', 'bin', 'netdissect.js');

function succeeds(command: string, args: string[]): boolean {
  return spawnSync(command, args, { cwd: repoRoot, stdio: 'ignore' }).status === 0;
}

/** Whether the cap binding loads here (installed and built against libpcap). */
export function capIsBuilt(): boolean {
  return succeeds(process.execPath, ['-e', "require('cap')"]);
}

/** Why the tests that capture for real cannot run here, or null when they can. */
export function whyLiveCaptureTestsCannotRun(): string | null {
  if (process.platform !== 'linux') return 'they need Linux network namespaces';
  if (process.getuid?.() !== 0) return 'they need root (network namespaces and packet capture)';
  if (!existsSync(join(repoRoot, 'packages', 'cli', 'dist', 'main.js'))) return 'the CLI is not built (npx tsc -b)';
  if (!capIsBuilt()) return 'the cap module is not built (apt-get install libpcap-dev, then npm rebuild cap)';
  if (!succeeds('ip', ['netns', 'list'])) return 'the ip command (iproute2) with netns support is missing';
  return null;
}

/** Skip a suite with the reason printed once, so a skipped run says why. */
export function reportSkip(suite: string, reason: string | null): boolean {
  if (reason) console.warn(`[live capture] skipping ${suite}: ${reason}`);
  return reason !== null;
}
