import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath, goldensDir, repoRoot } from './paths.js';

/** One recorded tshark invocation (fixtures/goldens/cli-cases.json). */
export interface CliCase {
  name: string;
  issue: number;
  /** tshark's arguments; "@dir/file" names a corpus capture, "%dir/file" a file of this repository. */
  args: string[];
}

export function loadCliCases(): CliCase[] {
  return JSON.parse(readFileSync(join(goldensDir, 'cli-cases.json'), 'utf8')) as CliCase[];
}

export function cliCaseArgs(c: CliCase): string[] {
  return c.args.map((a) => (a.startsWith('@') ? corpusPath(a.slice(1)) : a.startsWith('%') ? join(repoRoot, a.slice(1)) : a));
}

export function cliCaseGolden(c: CliCase): string {
  return readFileSync(join(goldensDir, 'cli', `${c.name}.txt`), 'utf8');
}

/** The first differing line with a little context, for a readable failure. */
export function firstDifference(want: string, got: string): string | null {
  if (want === got) return null;
  const w = want.split('\n');
  const g = got.split('\n');
  let i = 0;
  while (i < w.length && i < g.length && w[i] === g[i]) i++;
  const ctx = (lines: string[]): string => lines.slice(Math.max(0, i - 2), i + 3).map((l, k) => `  ${Math.max(0, i - 2) + k + 1}: ${l}`).join('\n');
  return `line ${i + 1} differs\n tshark:\n${ctx(w)}\n netdissect:\n${ctx(g)}`;
}
