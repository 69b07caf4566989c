#!/usr/bin/env node
// Regenerates packages/core/test/capture/expected/*.json from tshark, one
// file per capture in ../shared/captures (relative to the repo root), so the
// capture-reader tests compare against tshark without needing it installed.
//
//   node packages/core/test/capture/record-expected.mjs        (tshark 4.0.x on PATH)
//
// Each JSON file holds, for every record tshark numbers as a frame (pcapng
// custom blocks included, as tshark shows them):
//   [frame number, time_epoch as printed, len, caplen, interface id or null, comments or null]
// plus tshark's error message if it stopped on a damaged file.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..', '..');
const capturesDir = join(repoRoot, '..', 'shared', 'captures');
const outDir = join(here, 'expected');

const version = execFileSync('tshark', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0];

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else if (/\.(pcap|pcapng)$/.test(name)) yield full;
  }
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
let count = 0;
for (const file of walk(capturesDir)) {
  const rel = relative(capturesDir, file).split('\\').join('/');
  const fields = ['frame.number', 'frame.time_epoch', 'frame.len', 'frame.cap_len', 'frame.interface_id', 'frame.encap_type', 'frame.comment'];
  const res = spawnSync('tshark', ['-r', file, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=\u0001', ...fields.flatMap((f) => ['-e', f])], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const packets = [];
  for (const line of res.stdout.split('\n')) {
    if (line === '') continue;
    const [no, epoch, len, caplen, iface, encap, comment] = line.split('\t');
    packets.push([Number(no), epoch, Number(len), Number(caplen), iface === '' ? null : Number(iface), comment === '' ? null : comment.split('\u0001')]);
  }
  const error = res.stderr
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('Running as user'))
    .join(' ');
  const record = { capture: rel, tshark: version, exitStatus: res.status, error: error === '' ? null : error, packets };
  const outName = rel.replace(/\//g, '__') + '.json';
  writeFileSync(join(outDir, outName), JSON.stringify(record, null, 0).replace(/\],\[/g, '],\n[') + '\n');
  count++;
}
process.stderr.write(`recorded ${count} captures into ${relative(repoRoot, outDir)} with ${version}\n`);
