#!/usr/bin/env node
// Makes the code cache of the script bundle (bin/script-loader.js): runs the
// script over the captures shipped in fixtures/ the ways a run usually goes
// (summary lines, -T fields, a display filter, -V), so the dissectors' and
// printers' functions are compiled, then writes their code beside the script.
// A separate process, as the build runs it: V8 takes a cache only under the
// flags it was made with, and the command sets one (heap growth) only after
// its code is loaded, as here, where it is never set.
//
// Usage: node scripts/make-code-cache.mjs DIST-BUNDLE/script.cjs [CAPTURE...]
import { createWriteStream, existsSync, readdirSync } from 'node:fs';
import { devNull } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScript, writeCodeCache } from '../packages/cli/bin/script-loader.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [scriptArg, ...given] = process.argv.slice(2);
const scriptPath = scriptArg && resolve(scriptArg);
if (!scriptArg) {
  console.error('usage: make-code-cache.mjs SCRIPT.cjs [CAPTURE...]');
  process.exit(2);
}
// A directory not there (a package built outside the repository) only makes the cache smaller.
const shipped = ['code-cache', 'lab', 'fuzz-regressions', 'robustness'].flatMap((d) =>
  (existsSync(join(root, 'fixtures', d)) ? readdirSync(join(root, 'fixtures', d)) : [])
    .filter((n) => /\.(pcap|pcapng)$/.test(n))
    .map((n) => join(root, 'fixtures', d, n)),
);
const captures = given.length ? given : shipped;

const loaded = loadScript(scriptPath, false);
const stderr = { write: () => true };
const runs = [
  [],
  ['-T', 'fields', '-e', 'frame.number', '-e', 'ip.src', '-e', 'tcp.stream', '-e', 'dns.qry.name', '-e', 'http.request.uri', '-e', 'smtp.req.command'],
  ['-Y', 'http.request.method == "POST" || dns.flags.rcode != 0 || tcp.len > 0'],
  ['-V'],
];
for (const file of captures) {
  for (const args of runs) {
    // Output to a stream, as a run's to a pipe (the summary's byte path), that discards it; one per run, as a process has.
    const stdout = createWriteStream(devNull);
    await loaded.exports.runCli(['-r', file, ...args], { stdout, stderr });
    await new Promise((done) => stdout.end(done));
  }
}
writeCodeCache(loaded);
