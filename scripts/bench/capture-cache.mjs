// Benchmark captures are generated once per (packets, seed) and kept in the
// OS temp directory between runs: generating 1M packets takes ~10 s.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CACHE_DIR = path.join(tmpdir(), 'netdissect-bench');

/** Path of the cached capture for these generator arguments, generating it if missing. */
export function benchCapture(generator, packets, seed) {
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = path.join(CACHE_DIR, `capture-${packets}-seed${seed}.pcap`);
  if (existsSync(file)) return file;
  process.stderr.write(`bench: generating ${file} ...\n`);
  // Written under another name first, so an interrupted run never leaves a short file behind.
  const partial = `${file}.${process.pid}.partial`;
  const r = spawnSync(process.execPath, [generator, '--packets', String(packets), '--seed', String(seed), '--out', partial, '--quiet'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`make-capture failed (status ${r.status})`);
  renameSync(partial, file);
  return file;
}

export function fileBytes(file) {
  return statSync(file).size;
}
