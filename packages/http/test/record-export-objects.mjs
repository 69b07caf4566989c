#!/usr/bin/env node
// Record what `tshark --export-objects http,DIR` writes for each corpus capture
// that carries HTTP: file names and SHA-256 of their contents, one JSON file per
// capture in fixtures/goldens/http-objects/. Needs tshark 4.0; the tests do not.
// Usage: node packages/http/test/record-export-objects.mjs
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const corpus = join(root, '..', 'shared', 'captures');
const out = join(root, 'fixtures', 'goldens', 'http-objects');

function walk(dir) {
  const files = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files.push(...walk(p));
    else if (/\.(pcap|pcapng)$/.test(name)) files.push(p);
  }
  return files;
}

mkdirSync(out, { recursive: true });
for (const file of walk(corpus)) {
  const name = relative(corpus, file).replaceAll('/', '__');
  const summary = readFileSync(join(root, 'fixtures', 'goldens', 'summary', `${name}.txt`), 'latin1');
  if (!/ HTTP[ /]/.test(summary)) continue;
  const dir = mkdtempSync(join(tmpdir(), 'eo-'));
  try {
    execFileSync('tshark', ['-n', '-o', 'tcp.reassemble_out_of_order:TRUE', '-r', file, '-q', '--export-objects', `http,${dir}`], { stdio: 'ignore' });
  } catch {
    // Damaged captures: tshark still writes what it exported before failing.
  }
  const objects = readdirSync(dir).sort().map((f) => {
    const data = readFileSync(join(dir, f));
    return { name: f, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  });
  rmSync(dir, { recursive: true, force: true });
  writeFileSync(join(out, `${name}.json`), `${JSON.stringify({ capture: relative(corpus, file), objects }, null, 2)}\n`);
  process.stdout.write(`${name}: ${objects.length}\n`);
}
