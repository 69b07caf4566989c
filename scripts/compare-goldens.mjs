#!/usr/bin/env node
// Developer aid: run the built CLI over the corpus and count differences
// against fixtures/goldens. Usage: node scripts/compare-goldens.mjs [summary|SET] [--only STR] [--show N]
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'captures');
const goldens = join(root, 'fixtures', 'goldens');
const kind = process.argv[2] ?? 'summary';
const arg = (n) => (process.argv.includes(n) ? process.argv[process.argv.indexOf(n) + 1] : null);
const only = arg('--only');
const show = Number(arg('--show') ?? 3);
const sets = readdirSync(join(goldens, 'field-sets')).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(goldens, 'field-sets', f), 'utf8')));
const set = sets.find((s) => s.name === kind);
const bin = join(root, 'packages', 'cli', 'bin', 'netdissect.js');
let totalCells = 0, badCells = 0, badFiles = 0;
for (const g of readdirSync(join(goldens, kind)).sort()) {
  const name = g.replace(/\.(txt|tsv)$/, '');
  if (only && !name.includes(only)) continue;
  const file = join(corpus, name.replaceAll('__', '/'));
  const args = ['-r', file];
  if (set) {
    if (set.twoPass) args.push('-2');
    args.push('-T', 'fields', '-E', 'header=y');
    for (const f of set.fields) args.push('-e', f);
  }
  let out;
  try {
    out = execFileSync('node', [bin, ...args], { encoding: 'latin1', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    out = e.stdout ?? '';
  }
  const want = readFileSync(join(goldens, kind, g), 'latin1').split('\n');
  const got = out.split('\n');
  let diffs = [];
  const n = Math.max(want.length, got.length);
  for (let i = 0; i < n; i++) {
    if (set) {
      const w = (want[i] ?? '').split('\t');
      const o = (got[i] ?? '').split('\t');
      for (let c = 0; c < Math.max(w.length, o.length); c++) {
        if ((w[c] ?? '') === '' && (o[c] ?? '') === '') continue;
        totalCells++;
        if ((w[c] ?? '') !== (o[c] ?? '')) {
          badCells++;
          diffs.push(`line ${i} ${set.fields[c] ?? c}: want ${JSON.stringify(w[c])} got ${JSON.stringify(o[c])}`);
        }
      }
    } else {
      totalCells++;
      if ((want[i] ?? '') !== (got[i] ?? '')) {
        badCells++;
        diffs.push(`want: ${want[i]}\n  got: ${got[i]}`);
      }
    }
  }
  if (diffs.length) {
    badFiles++;
    console.log(`## ${name}: ${diffs.length} differences`);
    for (const d of diffs.slice(0, show)) console.log('  ' + d);
  }
}
console.log(`\n${kind}: ${badCells} of ${totalCells} cells differ in ${badFiles} files`);
