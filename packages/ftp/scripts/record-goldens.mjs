#!/usr/bin/env node
// Record what tshark 4.0 says about the scripted FTP captures (make-edge-case-capture.mjs),
// for tests that must not need tshark: packages/ftp/test/fixtures/<capture>.{txt,tsv,objects.json}
// hold the summary lines, the ftp field set (-2) and the exported files. (The corpus's exported
// files are recorded by scripts/record-goldens.mjs --set export-objects.)
// Usage: node packages/ftp/scripts/record-goldens.mjs   (needs tshark on PATH)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(pkg, '..', '..');
const fixtures = join(pkg, 'test', 'fixtures');
const COMMON = ['-n', '-o', 'tcp.reassemble_out_of_order:TRUE'];

function tshark(args) {
  try {
    return execFileSync('tshark', [...COMMON, ...args], { encoding: 'latin1', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (err) {
    return err.stdout ?? '';
  }
}

/** The files tshark exports from `file`, as [{ filename, size, sha256 }]. */
function exportedObjects(file) {
  const dir = mkdtempSync(join(tmpdir(), 'ftp-eo-'));
  try {
    tshark(['-r', file, '--export-objects', `ftp-data,${dir}`]);
    return readdirSync(dir).sort().map((filename) => {
      const bytes = readFileSync(join(dir, filename));
      return { filename, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const json = (v) => `${JSON.stringify(v, null, 2)}\n`;

const fields = JSON.parse(readFileSync(join(root, 'fixtures', 'goldens', 'field-sets', 'ftp.json'), 'utf8')).fields;
for (const name of ['ftp-edge-cases', 'ftp-dangling-announcement']) {
  const capture = join(fixtures, `${name}.pcap`);
  writeFileSync(join(fixtures, `${name}.txt`), tshark(['-r', capture]), 'latin1');
  const fieldArgs = ['-2', '-r', capture, '-T', 'fields', '-E', 'header=y', '-E', 'occurrence=a', '-E', 'aggregator=,'];
  for (const f of fields) fieldArgs.push('-e', f);
  writeFileSync(join(fixtures, `${name}.tsv`), tshark(fieldArgs), 'latin1');
  writeFileSync(join(fixtures, `${name}.objects.json`), json(exportedObjects(capture)));
  console.log(`${name}: summary, fields and objects recorded`);
}
