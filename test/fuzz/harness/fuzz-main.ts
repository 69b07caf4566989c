/**
 * `npm run fuzz -- [--seconds N] [--packets N] [--cases N] [--seed S] [--no-save]`:
 * the long fuzz run. Without a bound it runs for 60 seconds; without a
 * seed it takes one from the clock and prints it, so any run can be
 * repeated. New failures are saved to fixtures/fuzz-regressions/.
 * Exit status 1 when anything failed. SIGINT/SIGTERM end the run after
 * the current case, with the summary.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir, corpusFiles, craftedCaptures, repoRoot } from '../../support/paths.js';
import { runFuzz, summaryText } from './fuzz-runner.js';
import { RegressionStore } from './regression-store.js';
import { wholeNumberArg } from './command-line-numbers.js';

const regressionsDir = join(repoRoot, 'fixtures', 'fuzz-regressions');

function parseArgs(argv: readonly string[]): { seed: number; seconds?: number; packets?: number; cases?: number; save: boolean } {
  const o: { seed: number; seconds?: number; packets?: number; cases?: number; save: boolean } = { seed: Date.now() % 0x100000000, save: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    switch (a) {
      case '--seed': o.seed = wholeNumberArg(a, argv[++i]); break;
      case '--seconds': o.seconds = wholeNumberArg(a, argv[++i]); break;
      case '--packets': o.packets = wholeNumberArg(a, argv[++i]); break;
      case '--cases': o.cases = wholeNumberArg(a, argv[++i]); break;
      case '--no-save': o.save = false; break;
      default: throw new Error(`unknown argument ${a} (use --seconds N, --packets N, --cases N, --seed S, --no-save)`);
    }
  }
  if (o.seconds === undefined && o.packets === undefined && o.cases === undefined) o.seconds = 60;
  return o;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`fuzz: ${(err as Error).message}\n`);
    return 2;
  }
  if (!existsSync(corpusDir)) {
    process.stderr.write(`fuzz: no seed corpus at ${corpusDir}\n`);
    return 2;
  }
  const corpus = corpusFiles();
  // Captures of layers the corpus lacks (LLC and spanning tree, IGMP, Neighbor Discovery options...) and the lab traffic: seeds too.
  const crafted = craftedCaptures();
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  // Stopping a long run early still prints its summary (and saves what it found).
  const stop = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => stop.abort());
  log(`fuzz: seed ${args.seed}, ${corpus.length} seed captures and ${crafted.length} crafted ones, until ${[args.seconds !== undefined ? `${args.seconds} s` : '', args.packets !== undefined ? `${args.packets} packets` : '', args.cases !== undefined ? `${args.cases} cases` : ''].filter(Boolean).join(' or ')}`);
  const summary = await runFuzz({
    seed: args.seed,
    corpus,
    corpusDir,
    crafted,
    repoRoot,
    maxSeconds: args.seconds,
    maxPackets: args.packets,
    maxCases: args.cases,
    store: args.save ? new RegressionStore(regressionsDir) : null,
    progress: log,
    stop: stop.signal,
  });
  log(summaryText(summary));
  return summary.failures.length === 0 ? 0 : 1;
}

process.exitCode = await main();
