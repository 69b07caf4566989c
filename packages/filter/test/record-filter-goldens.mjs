#!/usr/bin/env node
// Record tshark 4.0's display-filter decisions into fixtures/goldens/filters/:
// - frames.json: for each filter of filters.json and each corpus capture, the
//   frames that pass, as
//     tshark -n -o tcp.reassemble_out_of_order:TRUE -r FILE -Y FILTER -T fields -e frame.number
//   would list them (stored as ranges, "1-4,9"; captures with none are left out).
//   To make it one tshark run per capture, every filter is a Lua tap listener of
//   the same run (a listener's filter sees the same first-pass tree as -Y).
// - errors.json: for each invalid filter of error-cases.json, tshark's message
//   and the span its caret line marks.
// Usage: node packages/filter/test/record-filter-goldens.mjs [--only SUBSTRING] [--part frames|errors]
// (--only re-records the matching captures and keeps the others' results.)
// Needs tshark with Lua on PATH; the tests do not.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const corpus = join(root, '..', 'shared', 'captures');
const dir = join(root, 'fixtures', 'goldens', 'filters');
const arg = (n) => (process.argv.includes(n) ? process.argv[process.argv.indexOf(n) + 1] : null);
const only = arg('--only');
const part = arg('--part');

function walk(d) {
  const out = [];
  for (const name of readdirSync(d).sort()) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(pcap|pcapng)$/.test(name)) out.push(p);
  }
  return out;
}

// One listener per filter line; each passing frame prints "index<TAB>frame".
const LISTENERS = `
local i = 0
for line in io.lines(os.getenv("FILTER_LIST")) do
  local idx = i
  local ok, l = pcall(Listener.new, nil, line)
  if ok then
    function l.packet(pinfo) io.write(idx, "\\t", pinfo.number, "\\n") end
  else
    io.write(idx, "\\tERROR\\t", (tostring(l):gsub("\\n", " ")), "\\n")
  end
  i = i + 1
end
`;

/** 1,2,3,5 -> "1-3,5" */
function ranges(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
    i = j;
  }
  return parts.join(',');
}

if (part !== 'errors') recordFrames();
if (part !== 'frames') recordErrors();

function recordFrames() {
  const { filters } = JSON.parse(readFileSync(join(dir, 'filters.json'), 'utf8'));
  const work = mkdtempSync(join(tmpdir(), 'filter-goldens-'));
  const listFile = join(work, 'filters.txt');
  const luaFile = join(work, 'listeners.lua');
  writeFileSync(listFile, filters.map((f) => f.filter).join('\n') + '\n');
  writeFileSync(luaFile, LISTENERS);

  const version = execFileSync('tshark', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0];
  const framesFile = join(dir, 'frames.json');
  const previous = only && existsSync(framesFile) ? JSON.parse(readFileSync(framesFile, 'utf8')).frames : {};
  const files = walk(corpus).filter((f) => !only || f.includes(only));
  const nameOf = (file) => relative(corpus, file).replaceAll('/', '__');
  const recorded = new Set(files.map(nameOf));
  const frames = Object.fromEntries(
    filters.map((f) => [f.filter, Object.fromEntries(Object.entries(previous[f.filter] ?? {}).filter(([file]) => !recorded.has(file)))]),
  );
  const errors = {};
  for (const file of files) {
    const name = nameOf(file);
    let out;
    try {
      out = execFileSync('tshark', ['-n', '-q', '-o', 'tcp.reassemble_out_of_order:TRUE', '-r', file, '-X', `lua_script:${luaFile}`], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        env: { ...process.env, FILTER_LIST: listFile },
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch (err) {
      // Damaged captures: tshark exits non-zero after the frames it could read.
      out = err.stdout ?? '';
    }
    for (const line of out.split('\n')) {
      const [idx, num, message] = line.split('\t');
      if (idx === undefined || num === undefined || !/^\d+$/.test(idx)) continue;
      const filter = filters[Number(idx)].filter;
      if (num === 'ERROR') errors[filter] = message;
      else (frames[filter][name] ??= []).push(Number(num));
    }
    process.stdout.write(`${name}\n`);
  }

  for (const perFile of Object.values(frames)) {
    for (const [file, list] of Object.entries(perFile)) if (Array.isArray(list)) perFile[file] = ranges(list);
  }
  // Keep the captures in corpus order.
  for (const [filter, perFile] of Object.entries(frames)) {
    frames[filter] = Object.fromEntries(Object.entries(perFile).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  rmSync(work, { recursive: true, force: true });
  writeFileSync(framesFile, JSON.stringify({ tshark: version, errors, frames }, null, 1) + '\n');
}

/** tshark's complaint about each invalid filter: the message and the marked span (null when it marks none). */
function recordErrors() {
  const { cases } = JSON.parse(readFileSync(join(dir, 'error-cases.json'), 'utf8'));
  const empty = join(corpus, 'malformed', 'empty.pcap');
  const out = {};
  for (const { filter } of cases) {
    let stderr = '';
    try {
      execFileSync('tshark', ['-n', '-r', empty, '-Y', filter], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (err) {
      stderr = err.stderr ?? '';
    }
    const lines = stderr.split('\n').filter((l) => l.startsWith('tshark: ') || l.startsWith('    '));
    const message = lines[0]?.replace(/^tshark: /, '') ?? null;
    // The caret line: four spaces, then '^' under the first marked column and '~' under the rest.
    const caret = lines.find((l) => /^ {4} *\^~*$/.test(l));
    const position = caret ? caret.indexOf('^') - 4 : null;
    out[filter] = { message, position, length: caret ? caret.trim().length : null };
    process.stdout.write(`${filter}\n`);
  }
  writeFileSync(join(dir, 'errors.json'), JSON.stringify({ cases: out }, null, 1) + '\n');
}
