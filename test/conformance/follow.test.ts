import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusDir, goldensDir } from '../support/paths.js';
import { runNetdissect } from '../support/run-cli.js';

// -z follow,tcp,MODE,N for every TCP stream of the TCP-carrying corpus
// directories, byte-identical to tshark 4.0 (several -z in one run, as recorded).
const dir = join(goldensDir, 'follow');
const goldens = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

describe.skipIf(!corpusAvailable())('-z follow is byte-identical to tshark 4.0', () => {
  it.each(goldens)('%s', async (g) => {
    const [, stem, mode] = /^(.*)\.(ascii|hex|raw)\.txt$/.exec(g)!;
    const want = readFileSync(join(dir, g), 'utf8');
    // The recording asked for the streams in ascending order; tshark printed them in reverse.
    const streams = [...want.matchAll(/^Filter: tcp\.stream eq (\d+)$/gm)].map((m) => Number(m[1])).sort((a, b) => a - b);
    const args = ['-r', join(corpusDir, stem!.replaceAll('__', '/')), '-q'];
    for (const n of streams) args.push('-z', `follow,tcp,${mode},${n}`);
    const r = await runNetdissect(args);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(want);
  });
});
