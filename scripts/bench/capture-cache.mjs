// Benchmark captures are generated once per (packets, seed) and kept in the
// OS temp directory between runs: generating 1M packets takes ~10 s.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SCENARIOS, writeLongPduCaptures } from '../long-pdu-captures.mjs';

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

/** The long-PDU captures with `segments` body segments (made once), their packets and bytes. */
export function longPduCaptures(segments) {
  const dir = path.join(CACHE_DIR, `long-pdus-${segments}`);
  const files = Object.fromEntries(Object.keys(SCENARIOS).map((name) => [name, path.join(dir, `${name}.pcap`)]));
  if (!Object.values(files).every((f) => existsSync(f))) {
    // Written elsewhere first, so an interrupted run never leaves a partial set behind.
    const partial = `${dir}.${process.pid}.partial`;
    writeLongPduCaptures(partial, segments);
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
  }
  let packets = 0;
  let bytes = 0;
  for (const file of Object.values(files)) {
    packets += pcapRecords(file);
    bytes += fileBytes(file);
  }
  return { files, packets, bytes };
}

/** Records in a little-endian classic pcap file. */
function pcapRecords(file) {
  const b = readFileSync(file);
  let n = 0;
  for (let at = 24; at + 16 <= b.length; at += 16 + b.readUInt32LE(at + 8)) n++;
  return n;
}
