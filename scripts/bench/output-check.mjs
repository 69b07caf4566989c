// The correctness half of the benchmark: netdissect's output on the bench
// capture must equal tshark's, line for line, for the same arguments (the
// -T fields of case 3 on every packet, -V on the first packets, and -V on the
// last packets of the memory-growth file, past the open-flow limit; the
// summary lines of every packet and of case 4's -Y). tshark's
// output is cached next to the capture (per tshark version and arguments), as
// it never changes; the files are compared a chunk at a time, not loaded whole.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, renameSync } from 'node:fs';
import path from 'node:path';
import { measure } from './measure.mjs';
import { CACHE_DIR } from './capture-cache.mjs';

/** The lines of a file, read in 8 MB chunks (a -V output of the bench file runs to gigabytes). */
function* linesOf(file) {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(8 << 20);
  let rest = '';
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const text = rest + buf.toString('latin1', 0, n);
      const lines = text.split('\n');
      rest = lines.pop();
      yield* lines;
    }
    if (rest !== '') yield rest;
  } finally {
    closeSync(fd);
  }
}

/** `lines` without the runs `skip` marks: skip(line) is how many lines to drop from that one on (0 keeps it). */
function* without(lines, skip) {
  let dropping = 0;
  for (const line of lines) {
    if (dropping === 0) dropping = skip(line);
    if (dropping > 0) dropping--;
    else yield line;
  }
}

/**
 * netdissect's own resource-limit expert items (`_ws.limit`: the open-flow and
 * IP fragment limits, packages/core/src/dissection/limit-experts.ts), which
 * tshark has no counterpart for: in -V, the item and its three lines
 * (message, severity, group).
 */
export function limitExpertLines(line) {
  return /^ *\[Expert Info \(Warning\/\w+\): (Open-flow|IP fragment) limit reached \(/.test(line) ? 4 : 0;
}

/** Line-by-line comparison of two files: the line count, how many differ, the first few differences. `skipActual` drops netdissect-only runs of lines first. */
export function compareLines(expectedFile, actualFile, maxExamples = 5, skipActual = null) {
  const expected = linesOf(expectedFile);
  const actual = skipActual ? without(linesOf(actualFile), skipActual) : linesOf(actualFile);
  let lines = 0;
  let differing = 0;
  const examples = [];
  for (;;) {
    const e = expected.next();
    const a = actual.next();
    if (e.done && a.done) break;
    if (!e.done) lines++;
    if (!e.done && !a.done && e.value === a.value) continue;
    differing++;
    if (examples.length < maxExamples) examples.push({ line: lines + (e.done ? 1 : 0), tshark: e.done ? '(missing)' : e.value, netdissect: a.done ? '(missing)' : a.value });
  }
  return { lines, differing, examples };
}

/** Run both tools with `args` on the capture (tshark's output cached) and compare what they print. */
export async function checkOutput({ name, capture, args, netdissect, tshark, tsharkVersion, skipActual = null }) {
  const key = createHash('sha256').update(`${tsharkVersion}\0${args.join('\0')}`).digest('hex').slice(0, 12);
  const base = path.basename(capture, '.pcap');
  const expectedFile = path.join(CACHE_DIR, `${base}-tshark-${name}-${key}.txt`);
  if (!existsSync(expectedFile)) {
    process.stderr.write(`bench: recording tshark ${name} reference ...\n`);
    await measure([...tshark, '-r', capture, ...args], { stdoutFile: `${expectedFile}.partial` });
    renameSync(`${expectedFile}.partial`, expectedFile);
  }
  const actualFile = path.join(CACHE_DIR, `${base}-netdissect-${name}.txt`);
  await measure([...netdissect, '-r', capture, ...args], { stdoutFile: actualFile });
  return { name, args, ...compareLines(expectedFile, actualFile, 5, skipActual), expectedFile, actualFile };
}
