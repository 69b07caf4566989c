#!/usr/bin/env node
// Developer aid: run the built CLI for every case in fixtures/goldens/cli-cases.json and
// summarise the differing lines against tshark's recorded output.
// Usage: node scripts/compare-cli-cases.mjs [--only STR] [--show N]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'captures');
const goldens = join(root, 'fixtures', 'goldens');
const arg = (n) => (process.argv.includes(n) ? process.argv[process.argv.indexOf(n) + 1] : null);
const only = arg('--only');
const show = Number(arg('--show') ?? 6);
const bin = join(root, 'packages', 'cli', 'bin', 'netdissect.js');
let bad = 0;
for (const c of JSON.parse(readFileSync(join(goldens, 'cli-cases.json'), 'utf8'))) {
  if (only && !c.name.includes(only)) continue;
  const args = c.args.map((a) => (a.startsWith('@') ? join(corpus, a.slice(1)) : a.startsWith('%') ? join(root, a.slice(1)) : a));
  let out;
  try {
    out = execFileSync('node', [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    out = e.stdout ?? '';
  }
  const want = readFileSync(join(goldens, 'cli', `${c.name}.txt`), 'utf8').split('\n');
  const got = out.split('\n');
  // Multiset difference of lines: what tshark has that we lack, and the reverse.
  const count = new Map();
  for (const l of want) count.set(l, (count.get(l) ?? 0) + 1);
  for (const l of got) count.set(l, (count.get(l) ?? 0) - 1);
  const missing = [...count].filter(([, n]) => n > 0).map(([l]) => l);
  const extra = [...count].filter(([, n]) => n < 0).map(([l]) => l);
  if (!missing.length && !extra.length && want.join('\n') === got.join('\n')) continue;
  bad++;
  console.log(`## ${c.name}: ${missing.length} lines missing, ${extra.length} extra (of ${want.length})`);
  for (const l of missing.slice(0, show)) console.log(`  - ${l}`);
  for (const l of extra.slice(0, show)) console.log(`  + ${l}`);
}
console.log(`\n${bad} cases differ`);
