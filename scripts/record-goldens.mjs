#!/usr/bin/env node
// Regenerate fixtures/goldens/ from tshark 4.0 over ../shared/captures.
// Usage: node scripts/record-goldens.mjs [--only SUBSTRING] [--set NAME|summary]
// Needs tshark on PATH (apt-get install tshark); the tests do not.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { mkdirSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLongPduCaptures } from './long-pdu-captures.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'captures');
const goldens = join(root, 'fixtures', 'goldens');
const arg = (n) => (process.argv.includes(n) ? process.argv[process.argv.indexOf(n) + 1] : null);
const only = arg('--only');
// --set NAME records only that field set (and skips the summaries); --set summary only the summaries; --set follow only Follow Stream.
const onlySet = arg('--set');
const COMMON = ['-n', '-o', 'tcp.reassemble_out_of_order:TRUE'];

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(pcap|pcapng)$/.test(name)) out.push(p);
  }
  return out;
}

function tshark(args) {
  try {
    return execFileSync('tshark', args, { encoding: 'latin1', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (err) {
    // Damaged files: tshark exits non-zero after printing what it could read.
    return err.stdout ?? '';
  }
}

/** The golden file name for a corpus capture: its path with "/" as "__". */
export function goldenName(file) {
  return relative(corpus, file).replaceAll('/', '__');
}

const version = execFileSync('tshark', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0];
const sets = readdirSync(join(goldens, 'field-sets')).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(goldens, 'field-sets', f), 'utf8')));
const files = onlySet === 'cli' || onlySet === 'long-pdus' || onlySet === 'field-registry' || onlySet === 'lab-objects' ? [] : walk(corpus).filter((f) => !only || f.includes(only));
for (const kind of ['summary', ...sets.map((s) => s.name)]) mkdirSync(join(goldens, kind), { recursive: true });
for (const file of files) {
  const name = goldenName(file);
  if (!onlySet || onlySet === 'summary') writeFileSync(join(goldens, 'summary', `${name}.txt`), tshark([...COMMON, '-r', file]), 'latin1');
  for (const set of sets) {
    if (onlySet && set.name !== onlySet) continue;
    const args = [...COMMON, ...(set.twoPass ? ['-2'] : []), '-r', file, '-T', 'fields', '-E', 'header=y', '-E', 'occurrence=a', '-E', 'aggregator=,'];
    for (const f of set.fields) args.push('-e', f);
    writeFileSync(join(goldens, set.name, `${name}.tsv`), tshark(args), 'latin1');
  }
  process.stdout.write(`${name}\n`);
}
// Follow Stream: every TCP stream of the TCP-carrying corpus directories, in one tshark run per
// capture (tshark prints multiple -z follow outputs in reverse order; netdissect does the same).
const FOLLOW_DIRS = ['tcp', 'http', 'ftp', 'smtp', 'pop3', 'imap', 'ip'];
const FOLLOW_HEX_SAMPLE = ['http/get.pcap', 'smtp/smtp-zip.pcap', 'ftp/ipv4.pcap', 'tcp/tcp-overlap2.pcap', 'ip/fragmented-4.pcap'];
if (!onlySet || onlySet === 'follow') {
  mkdirSync(join(goldens, 'follow'), { recursive: true });
  for (const file of files) {
    const rel = relative(corpus, file);
    if (!FOLLOW_DIRS.includes(rel.split('/')[0])) continue;
    const streams = new Set(tshark(['-n', '-r', file, '-T', 'fields', '-e', 'tcp.stream']).split(/[\n,]/).filter(Boolean).map(Number));
    const modes = FOLLOW_HEX_SAMPLE.includes(rel) ? ['ascii', 'hex'] : ['ascii'];
    for (const mode of modes) {
      const args = [...COMMON, '-r', file, '-q'];
      for (const n of [...streams].sort((a, b) => a - b)) args.push('-z', `follow,tcp,${mode},${n}`);
      if (streams.size) writeFileSync(join(goldens, 'follow', `${goldenName(file)}.${mode}.txt`), tshark(args), 'latin1');
    }
  }
}
// Whole-command cases (-V, -x, -O, -T json, -z tables...): fixtures/goldens/cli-cases.json lists
// each case's arguments, "@dir/file.pcap" naming a corpus capture ("%dir/file" one of this repository); the output is stored byte for byte.
if (!onlySet || onlySet === 'cli') {
  mkdirSync(join(goldens, 'cli'), { recursive: true });
  const cases = JSON.parse(readFileSync(join(goldens, 'cli-cases.json'), 'utf8'));
  for (const c of cases) {
    if (only && !c.name.includes(only)) continue;
    const args = c.args.map((a) => (a.startsWith('@') ? join(corpus, a.slice(1)) : a.startsWith('%') ? join(root, a.slice(1)) : a));
    const out = tshark([...COMMON, ...args]);
    // A case tshark rejects (bad filter, bad flag) would record nothing: say so instead of storing it.
    if (out === '') console.error(`cli ${c.name}: tshark printed nothing — check the arguments`);
    writeFileSync(join(goldens, 'cli', `${c.name}.txt`), out, 'latin1');
    process.stdout.write(`cli ${c.name}\n`);
  }
}
// Export objects: what `--export-objects PROTO,DIR` writes for each capture (name, size, SHA-256), per protocol.
const EXPORT_SETS = { http: 'http-objects', imf: 'imf-objects', 'ftp-data': 'ftp-objects' };
if (!onlySet || onlySet === 'export-objects') {
  for (const file of walk(corpus).filter((f) => !only || f.includes(only))) {
    for (const [proto, dirName] of Object.entries(EXPORT_SETS)) {
      const objects = exportedObjects(file, proto);
      if (objects.length === 0) continue;
      mkdirSync(join(goldens, dirName), { recursive: true });
      const capture = relative(corpus, file);
      writeFileSync(join(goldens, dirName, `${goldenName(file)}.json`), `${JSON.stringify({ capture, objects }, null, 2)}\n`);
      process.stdout.write(`${proto} ${capture}: ${objects.length}\n`);
    }
  }
}
// The lab traffic (test/lab-traffic/captures, recorded from real servers): the same, per capture and protocol.
if (onlySet === 'lab-objects' || (!onlySet && !only)) {
  const labDir = join(root, 'test', 'lab-traffic', 'captures');
  const out = join(goldens, 'lab-objects');
  mkdirSync(out, { recursive: true });
  for (const name of readdirSync(labDir).filter((n) => n.endsWith('.pcap')).sort()) {
    for (const proto of Object.keys(EXPORT_SETS)) {
      const objects = exportedObjects(join(labDir, name), proto);
      if (objects.length === 0) continue;
      const capture = relative(root, join(labDir, name));
      writeFileSync(join(out, `${name}.${proto}.json`), `${JSON.stringify({ capture, proto, objects }, null, 2)}\n`);
      process.stdout.write(`lab-objects ${proto} ${capture}: ${objects.length}\n`);
    }
  }
}
// Long PDUs: one PDU in many small segments per way of waiting for it (scripts/long-pdu-captures.mjs),
// generated here and by the test, with the field list in fixtures/goldens/long-pdus/fields.json.
// The field registry: for every field netdissect defines, how tshark registers that abbreviation
// (name, type, bitmask; some are registered more than once), so a test can hold the names and
// types to Wireshark's without tshark. Needs the packages built (npm run build).
if (!onlySet || onlySet === 'field-registry') {
  const { fieldRegistry } = await import('@netdissect/core');
  const { loadProtocolPackages } = await import('./bench/protocol-packages.mjs');
  await loadProtocolPackages();
  const registered = new Map();
  for (const line of tshark(['-G', 'fields']).split('\n')) {
    const c = line.split('\t');
    const entry = c[0] === 'F' ? [c[1], c[3], c[6]] : c[0] === 'P' ? [c[1], 'FT_PROTOCOL', '0x0'] : null;
    if (!entry) continue;
    const list = registered.get(c[2]) ?? [];
    if (!list.some((e) => e.join('\t') === entry.join('\t'))) list.push(entry);
    registered.set(c[2], list);
  }
  const fields = {};
  for (const abbrev of [...new Set([...fieldRegistry.all()].map((d) => d.abbrev))].sort()) fields[abbrev] = registered.get(abbrev) ?? [];
  const lines = Object.entries(fields).map(([abbrev, list]) => `  ${JSON.stringify(abbrev)}: ${JSON.stringify(list)}`);
  writeFileSync(join(goldens, 'field-registry.json'), `{"tshark": ${JSON.stringify(version)}, "fields": {\n${lines.join(',\n')}\n}}\n`);
  console.log(`field-registry: ${Object.keys(fields).length} fields`);
}

if (!onlySet || onlySet === 'long-pdus') {
  const dir = join(goldens, 'long-pdus');
  const { fields, segments } = JSON.parse(readFileSync(join(dir, 'fields.json'), 'utf8'));
  const tmp = mkdtempSync(join(tmpdir(), 'nd-long-pdus-'));
  try {
    for (const [name, file] of Object.entries(writeLongPduCaptures(tmp, segments))) {
      const args = [...COMMON, '-r', file, '-T', 'fields', '-E', 'header=y', '-E', 'occurrence=a', '-E', 'aggregator=,'];
      for (const f of fields) args.push('-e', f);
      writeFileSync(join(dir, `${name}.tsv`), tshark(args), 'latin1');
      process.stdout.write(`long-pdus ${name}\n`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
writeFileSync(join(goldens, 'TSHARK_VERSION'), `${version}\n`);

/** The files tshark writes with --export-objects for one capture, sorted by name. */
function exportedObjects(file, proto) {
  const dir = mkdtempSync(join(tmpdir(), 'nd-eo-'));
  try {
    tshark([...COMMON, '-r', file, '-q', '--export-objects', `${proto},${dir}`]);
    return readdirSync(dir).sort().map((name) => {
      const bytes = readFileSync(join(dir, name));
      return { name, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
