#!/usr/bin/env node
// Benchmark of the terminal UI (not a test): time to first screen, time per
// keystroke and peak memory on a generated 1,000,000-packet capture, with
// netdissect running in a real pseudo-terminal (util-linux `script`).
// Goals (issue 7): first screen < 1 s, keystroke < 50 ms, memory < 600 MB.
//
// Usage: node scripts/bench-tui.mjs [--file F] [--packets N] [--skip-load-wait] [--cpu-prof DIR]
// (--cpu-prof: the UI process writes a V8 CPU profile into DIR when it exits)
// Needs `npx tsc -b` first. Without --file, the capture is generated with
// ../shared/bench/make-capture.mjs into /tmp/bench-<N>.pcap (kept for reuse).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { paneLayout } = await import(join(root, 'packages', 'cli', 'dist', 'tui', 'layout.js'));
const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const packets = Number(arg('--packets', '1000000'));
const file = arg('--file', `/tmp/bench-${packets}.pcap`);
const COLUMNS = 160;
const ROWS = 48;

if (!existsSync(file)) {
  console.log(`generating ${file} (${packets} packets)…`);
  execFileSync('node', [join(root, '..', 'shared', 'bench', 'make-capture.mjs'), '--packets', String(packets), '--out', file, '--quiet'], { stdio: 'inherit' });
}

// ---- the terminal -----------------------------------------------------------

const env = { ...process.env, TERM: 'xterm-256color' };
delete env.CI;
delete env.CONTINUOUS_INTEGRATION;
const bin = join(root, 'packages', 'cli', 'bin', 'netdissect.js');
const profileDir = arg('--cpu-prof', null);
const nodeArgs = profileDir ? `--cpu-prof --cpu-prof-dir='${profileDir}' ` : '';
const command = `stty cols ${COLUMNS} rows ${ROWS}; exec node ${nodeArgs}'${bin}' '${file}'`;
const started = performance.now();
const term = spawn('script', ['-q', '-f', '-c', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'inherit'] });

/** Everything the UI wrote, ANSI stripped, with the arrival time of each chunk. */
let text = '';
const arrivals = [];
const waiters = new Set();
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[=>()][0-9A-Za-z]?/g;
// A complete escape sequence at the start of a string (the forms ANSI strips).
// eslint-disable-next-line no-control-regex
const COMPLETE_ESCAPE = /^\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[=>]|[()][0-9A-Za-z])/;
/** An escape sequence cut by a chunk boundary waits for the rest before it is stripped. */
let pending = '';
// Decoded as a stream, so a character cut by a chunk boundary is not mangled either.
term.stdout.setEncoding('utf8');
term.stdout.on('data', (chunk) => {
  const now = performance.now();
  let s = pending + chunk;
  const lastEscape = s.lastIndexOf('\x1b');
  pending = lastEscape >= 0 && !COMPLETE_ESCAPE.test(s.slice(lastEscape)) ? s.slice(lastEscape) : '';
  if (pending) s = s.slice(0, lastEscape);
  arrivals.push([text.length, now]);
  text += s.replace(ANSI, '\n');
  for (const w of [...waiters]) w(now);
});

/** Resolve with the arrival time of the first output after `from` (a text offset) that matches `re`. */
function waitFor(re, from, what, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const check = (now) => {
      const m = re.exec(text.slice(from));
      if (!m) return false;
      // The chunk in which the match ended.
      const end = from + m.index + m[0].length;
      let at = now;
      for (const [off, t] of arrivals) if (off < end) at = t;
      resolve(at);
      return true;
    };
    if (check(performance.now())) return;
    const timer = setTimeout(() => {
      waiters.delete(w);
      reject(new Error(`timed out waiting for ${what}; the end of the output was:\n${text.slice(-3000).replace(/\n+/g, '\n')}`));
    }, timeoutMs);
    const w = (now) => {
      if (check(now)) {
        clearTimeout(timer);
        waiters.delete(w);
      }
    };
    waiters.add(w);
  });
}

/** Press a key and wait for the screen that shows its effect; returns milliseconds. */
async function press(key, expect, what) {
  const from = text.length;
  const t0 = performance.now();
  term.stdin.write(key);
  const t1 = await waitFor(expect, from, what);
  return t1 - t0;
}

function nodePid() {
  // script -> (exec) node: the only child of the script process.
  for (const task of readdirSync(`/proc/${term.pid}/task`)) {
    const kids = readFileSync(`/proc/${term.pid}/task/${task}/children`, 'utf8').trim();
    if (kids) return Number(kids.split(/\s+/)[0]);
  }
  return null;
}

/** CPU time (user + system) the UI process has used so far, in ms: independent of how busy the machine is. */
function cpuMs() {
  const pid = nodePid();
  if (!pid) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Run `keys` (a function pressing them) and return its latencies with the CPU time spent per key. */
async function measured(n, run) {
  const cpu0 = cpuMs();
  const latencies = await run();
  return `${stats(latencies)}; CPU ${((cpuMs() - cpu0) / n).toFixed(1)} ms/key`;
}

function memory() {
  const pid = nodePid();
  if (!pid) return { rss: NaN, peak: NaN };
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms, max ${s.at(-1).toFixed(1)} ms (n=${s.length})`;
};

/** One key, reported with its latency and the CPU it took (10 ms resolution). */
async function one(what, key, expect, label) {
  const cpu0 = cpuMs();
  const ms = await press(key, expect, label);
  report(what, `${ms.toFixed(1)} ms; CPU ${cpuMs() - cpu0} ms`);
}

const results = [];
const report = (what, value) => {
  results.push([what, value]);
  console.log(`${what.padEnd(44)} ${value}`);
};

const KEY = { down: '\x1b[B', up: '\x1b[A', pageDown: '\x1b[6~', end: '\x1b[F', home: '\x1b[H', tab: '\t', right: '\x1b[C', enter: '\r', escape: '\x1b' };
// The No. column is 7 wide: a 7-digit number leaves no space after the marker.
const selected = (no) => new RegExp(`\\n>\\s*${no} `);

try {
  // ---- first screen -----------------------------------------------------------
  const firstScreen = await waitFor(/\n>\s+1\s+0\.000000[\s\S]*Packets: \d+/, 0, 'the first screen');
  report('time to first screen', `${(firstScreen - started).toFixed(0)} ms (process start to the first frame row drawn); CPU ${cpuMs()} ms so far`);

  // ---- keys while the first pass is still running ----------------------------------
  const during = [];
  for (let i = 2; i <= 21; i++) during.push(await press(KEY.down, selected(i), `↓ to ${i}`));
  report('↓ while loading', stats(during));
  // PgDn moves the selection by the list's height.
  const pageRows = paneLayout(ROWS).listRows;
  const pgWhile = [];
  let at = 21;
  for (let i = 0; i < 10; i++) {
    at += pageRows;
    pgWhile.push(await press(KEY.pageDown, selected(at), `PgDn to ${at}`));
  }
  report('PgDn while loading', stats(pgWhile));

  // ---- wait for the whole file -------------------------------------------------------
  if (!process.argv.includes('--skip-load-wait')) {
    const loaded = await waitFor(new RegExp(`Packets: ${packets} │ Displayed: ${packets} │ \\? help`), 0, 'the end of the first pass', 3_600_000);
    report('first pass (whole file indexed)', `${((loaded - started) / 1000).toFixed(1)} s after start (${(packets / ((loaded - started) / 1000)).toFixed(0)} frames/s)`);
    const m = memory();
    report('memory after indexing', `RSS ${m.rss.toFixed(0)} MB, peak ${m.peak.toFixed(0)} MB`);

    // ---- keys on the fully indexed file ---------------------------------------------
    // From a quarter into the file: rows no earlier key has drawn (and so coloured and measured) yet.
    const quarter = Math.floor(packets / 4);
    await press(':', /Go to packet:/, 'the jump prompt');
    await press(`${quarter}${KEY.enter}`, selected(quarter), `packet ${quarter}`);
    report(
      '↓ (next packet)',
      await measured(30, async () => {
        const xs = [];
        for (let i = quarter + 1; i <= quarter + 30; i++) xs.push(await press(KEY.down, selected(i), `↓ to ${i}`));
        return xs;
      }),
    );
    report(
      '↑ (previous packet)',
      await measured(10, async () => {
        const xs = [];
        for (let i = quarter + 29; i >= quarter + 20; i--) xs.push(await press(KEY.up, selected(i), `↑ to ${i}`));
        return xs;
      }),
    );
    at = quarter + 20;
    report(
      'PgDn (a new screenful)',
      await measured(10, async () => {
        const xs = [];
        for (let i = 0; i < 10; i++) {
          at += pageRows;
          xs.push(await press(KEY.pageDown, selected(at), `PgDn to ${at}`));
        }
        return xs;
      }),
    );
    await one('End (last packet)', KEY.end, selected(packets), 'End');
    await one('Home (first packet)', KEY.home, selected(1), 'Home');
    const middle = String(Math.floor(packets / 2));
    await press(':', /Go to packet:/, 'the jump prompt');
    for (const d of middle.slice(0, -1)) await press(d, /Go to packet: \d+/, 'a digit');
    await one(`: ${middle} Enter (go to packet)`, middle.slice(-1) + KEY.enter, selected(middle), `packet ${middle}`);
    await one('Tab (focus the details)', KEY.tab, new RegExp(`Packet ${middle}`), 'details focus');
    await press(KEY.down, new RegExp(`Packet ${middle}`), 'details ↓');
    await one('→ (expand a subtree)', KEY.right, /\n▾ Ethernet II/, 'expanded');
    await one('e (expand everything)', 'e', /\n {4}Encapsulation type/, 'expanded all');
    await press('c', new RegExp(`\\n▸ Frame ${middle}`), 'collapsed');
    await one('F (follow its stream, until shown)', 'F', /Follow (TCP|UDP) Stream[^\n]*\d+ lines/, 'the stream');
    await press(KEY.escape, new RegExp(`Packet ${middle}`), 'back');
    await one('? (help)', '?', /Keys \(Esc/, 'help');
    await press(KEY.escape, new RegExp(`Packet ${middle}`), 'back');

    // ---- display filter over a million frames ------------------------------------------
    await press('/', /Filter:/, 'the filter bar');
    const typing = [];
    for (const ch of 'dns') typing.push(await press(ch, new RegExp(`Filter: [^\\n]*${ch}`), `typing ${ch}`));
    report('typing in the filter bar (validated)', stats(typing));
    const from = text.length;
    const t0 = performance.now();
    await one('Enter (filter pass started)', KEY.enter, /Filter: dns[^\n]*Filtering/, 'the filter to start');
    const firstRows = await waitFor(/\n [> ]\s+\d+\s+[\d.]+ [^\n]* DNS /, from, 'the first DNS row');
    report('first filtered rows shown', `${(firstRows - t0).toFixed(0)} ms after Enter`);
    const done = await waitFor(/Displayed: \d+ \([\d.]+%\) │ Filter: dns │ \? help/, from, 'the filter pass to finish', 3_600_000);
    report('filter pass over all frames', `${((done - t0) / 1000).toFixed(1)} s`);
    const m2 = memory();
    report('memory at the end', `RSS ${m2.rss.toFixed(0)} MB, peak ${m2.peak.toFixed(0)} MB`);
  } else {
    const m = memory();
    report('memory (while loading)', `RSS ${m.rss.toFixed(0)} MB, peak ${m.peak.toFixed(0)} MB`);
  }

  const quitAt = performance.now();
  term.stdin.write('q');
  await new Promise((resolve) => term.once('exit', resolve));
  report('q (until the process has exited)', `${(performance.now() - quitAt).toFixed(0)} ms`);
  console.log(`\nload average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} on ${execFileSync('nproc', { encoding: 'utf8' }).trim()} CPUs`);
} catch (e) {
  console.error(`bench-tui: ${e instanceof Error ? e.message : String(e)}`);
  term.kill();
  // The terminal's pipes would keep this process waiting.
  process.exit(1);
}
