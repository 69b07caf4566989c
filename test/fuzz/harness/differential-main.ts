/**
 * `npm run fuzz:differential -- --seed S --cases N --out DIR [--window W]`:
 * conformance by fuzzing. Builds N fuzz cases exactly as the fuzz run does
 * (same seeds, mutators and numbering, so case c of seed s is the same file
 * here and there), writes each to DIR, dissects it with netdissect and with
 * tshark 4.0 (`-V`, `-n -o tcp.reassemble_out_of_order:TRUE`), and lists the
 * cases whose output differs, fewest differing lines first. The summary lines
 * are compared too (a fourth column of the report): they are dissected
 * without a tree, where an error `-V` shows may not be raised. Damaged input
 * reaches the corners of a dissector a real capture seldom does, and each
 * difference there is one from Wireshark. Needs tshark and the built CLI
 * (`npx tsc -b && node scripts/bundle-cli.mjs`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { corpusDir, corpusFiles, craftedCaptures, repoRoot } from '../../support/paths.js';
import { buildCase } from './fuzz-case.js';
import { loadSeed, SeedPayloads, type SeedCapture } from './seed-corpus.js';
import { wholeNumberArg } from './command-line-numbers.js';

interface Args {
  seed: number;
  cases: number;
  out: string;
  window: number;
}

function parseArgs(argv: readonly string[]): Args {
  const o: Partial<Args> = { window: 24 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    switch (a) {
      case '--seed': o.seed = wholeNumberArg(a, argv[++i]); break;
      case '--cases': o.cases = wholeNumberArg(a, argv[++i]); break;
      case '--window': o.window = wholeNumberArg(a, argv[++i]); break;
      case '--out': o.out = argv[++i]; break;
      default: throw new Error(`unknown argument ${a} (use --seed S, --cases N, --out DIR, --window W)`);
    }
  }
  if (o.seed === undefined || o.cases === undefined || !o.out) throw new Error('--seed, --cases and --out are needed');
  return o as Args;
}

/** Lines that differ between two outputs (a multiset count, as diff's < and > lines). */
function differingLines(a: string, b: string): number {
  const count = new Map<string, number>();
  for (const l of a.split('\n')) count.set(l, (count.get(l) ?? 0) + 1);
  for (const l of b.split('\n')) count.set(l, (count.get(l) ?? 0) - 1);
  let n = 0;
  for (const v of count.values()) n += Math.abs(v);
  return n;
}

function run(cmd: string, args: readonly string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'latin1', maxBuffer: 1 << 30, timeout: 120_000 });
  return r.stdout ?? '';
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`fuzz-differential: ${(err as Error).message}\n`);
    return 2;
  }
  if (!existsSync(corpusDir)) {
    process.stderr.write(`fuzz-differential: no seed corpus at ${corpusDir}\n`);
    return 2;
  }
  mkdirSync(args.out, { recursive: true });
  const seeds: SeedCapture[] = [];
  for (const p of corpusFiles()) seeds.push(await loadSeed(p, relative(corpusDir, p)));
  for (const p of craftedCaptures()) seeds.push(await loadSeed(p, relative(repoRoot, p)));
  const donors = new SeedPayloads(seeds);
  const cli = join(repoRoot, 'packages', 'cli', 'bin', 'netdissect.js');
  const rows: Array<{ lines: number; file: string; source: string; summaryLines: number }> = [];
  for (let i = 0; i < args.cases; i++) {
    const c = await buildCase(args.seed, i, seeds, donors, args.window);
    const file = join(args.out, `s${args.seed}-c${i}.${c.format}`);
    writeFileSync(file, c.bytes);
    writeFileSync(`${file}.txt`, `${c.source}\n${c.mutations.map((m) => JSON.stringify(m)).join('\n')}\n`);
    const ours = run(process.execPath, [cli, '-r', file, '-V']);
    const theirs = run('tshark', ['-n', '-o', 'tcp.reassemble_out_of_order:TRUE', '-r', file, '-V']);
    writeFileSync(`${file}.netdissect.txt`, ours, 'latin1');
    writeFileSync(`${file}.tshark.txt`, theirs, 'latin1');
    const ourSummary = run(process.execPath, [cli, '-r', file]);
    const theirSummary = run('tshark', ['-n', '-o', 'tcp.reassemble_out_of_order:TRUE', '-r', file]);
    writeFileSync(`${file}.summary.netdissect.txt`, ourSummary, 'latin1');
    writeFileSync(`${file}.summary.tshark.txt`, theirSummary, 'latin1');
    rows.push({ lines: differingLines(ours, theirs), file, source: c.source, summaryLines: differingLines(ourSummary, theirSummary) });
  }
  rows.sort((a, b) => a.lines - b.lines || a.file.localeCompare(b.file));
  const line = (r: (typeof rows)[number]): string => `${r.lines}\t${r.file}\t${r.source}\t${r.summaryLines}`;
  const report = rows.map(line).join('\n');
  writeFileSync(join(args.out, 'report.tsv'), `${report}\n`);
  const equal = rows.filter((r) => r.lines === 0).length;
  const summaryEqual = rows.filter((r) => r.summaryLines === 0).length;
  process.stdout.write(`${rows.filter((r) => r.lines > 0 || r.summaryLines > 0).map(line).join('\n')}\n`);
  process.stdout.write(`fuzz-differential: seed ${args.seed}: ${equal} of ${rows.length} cases print what tshark prints with -V, ${summaryEqual} in the summary (report: ${join(args.out, 'report.tsv')})\n`);
  return 0;
}

process.exitCode = await main();
