#!/usr/bin/env node
// Record tshark 4.0's view of the captures in packages/http/test/captures
// (made by make-captures.mjs): the summary lines, the http field set (two
// passes), the exported objects and (-V) the packet details, into
// fixtures/goldens/http-crafted/.
// Needs tshark; the tests do not. Usage: node packages/http/test/record-crafted-goldens.mjs
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const captures = join(root, 'packages', 'http', 'test', 'captures');
const out = join(root, 'fixtures', 'goldens', 'http-crafted');
const COMMON = ['-n', '-o', 'tcp.reassemble_out_of_order:TRUE'];
const fields = JSON.parse(readFileSync(join(root, 'fixtures', 'goldens', 'field-sets', 'http.json'), 'utf8')).fields;

const DETAILS_DIFFER = new Set(['gzip-bomb.pcap']);
const tshark = (args) => execFileSync('tshark', args, { encoding: 'latin1', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });

mkdirSync(out, { recursive: true });
for (const name of readdirSync(captures).filter((f) => f.endsWith('.pcap')).sort()) {
  const file = join(captures, name);
  writeFileSync(join(out, `${name}.summary.txt`), tshark([...COMMON, '-r', file]), 'latin1');
  // The bomb's details differ by design: netdissect stops at its decompression limit.
  if (!DETAILS_DIFFER.has(name)) writeFileSync(join(out, `${name}.details.txt`), tshark([...COMMON, '-r', file, '-V']), 'latin1');
  const args = [...COMMON, '-2', '-r', file, '-T', 'fields', '-E', 'header=y', '-E', 'occurrence=a', '-E', 'aggregator=,'];
  for (const f of fields) args.push('-e', f);
  writeFileSync(join(out, `${name}.fields.tsv`), tshark(args), 'latin1');
  const dir = mkdtempSync(join(tmpdir(), 'eo-'));
  tshark([...COMMON, '-r', file, '-q', '--export-objects', `http,${dir}`]);
  const objects = readdirSync(dir).sort().map((f) => {
    const data = readFileSync(join(dir, f));
    return { name: f, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  });
  rmSync(dir, { recursive: true, force: true });
  writeFileSync(join(out, `${name}.objects.json`), `${JSON.stringify({ capture: name, objects }, null, 2)}\n`);
  process.stdout.write(`${name}\n`);
}
