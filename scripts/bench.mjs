#!/usr/bin/env node
// npm run bench [-- --reps N --packets N --growth-packets N --no-tshark --no-build --out DIR]
//
// netdissect against tshark and against plain reading of the file, on the
// generated bench capture (../shared/bench/make-capture.mjs). Every case runs
// --reps times, the cases alternating, so a noisy neighbour hits all of them
// alike; the table gives the median and the spread. It first checks that
// netdissect's output equals tshark's (case 3's -T fields on every packet, -V
// on the first DETAIL_PACKETS, the summary lines of the file and of a small
// one, and -V on the last DETAIL_PACKETS of the memory-growth file), and
// fails if not.
// Results go to bench-results/<date>-<commit>.md and .json (see README, Performance).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCapture, CACHE_DIR, fileBytes, longPduCaptures } from './bench/capture-cache.mjs';
import { checkOutput, limitExpertLines } from './bench/output-check.mjs';
import { machineInfo } from './bench/machine-info.mjs';
import { measure, measureScript } from './bench/measure.mjs';
import { markdownTable, markdownTargets, pairRatios, summarize, targets } from './bench/results-table.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run bench -- [--reps N] [--packets N] [--growth-packets N] [--seed S] [--no-tshark] [--no-growth] [--no-build] [--out DIR]';

function parseArgs(argv) {
  const o = { reps: 3, packets: 1_000_000, growthPackets: null, seed: '1', tshark: true, growth: true, build: true, out: path.join(root, 'bench-results') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value\n${USAGE}`);
      return argv[++i];
    };
    const positive = (s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} must be a positive integer\n${USAGE}`);
      return n;
    };
    if (a === '--reps') o.reps = positive(next());
    else if (a === '--packets') o.packets = positive(next());
    else if (a === '--growth-packets') o.growthPackets = positive(next());
    else if (a === '--seed') o.seed = next();
    else if (a === '--no-tshark') o.tshark = false;
    else if (a === '--no-growth') o.growth = false;
    else if (a === '--no-build') o.build = false;
    else if (a === '--out') o.out = path.resolve(next());
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  o.growthPackets ??= 2 * o.packets;
  return o;
}

function requireTool(file, hint) {
  if (!existsSync(file)) {
    console.error(`bench: ${file} is missing (${hint})`);
    process.exit(2);
  }
}

const FIELD_ARGS = ['-T', 'fields', '-e', 'frame.number', '-e', 'ip.src', '-e', 'tcp.stream', '-e', 'dns.qry.name', '-e', 'http.request.uri', '-e', 'smtp.req.command'];
const FILTER_ARGS = ['-Y', 'http.request.method == "POST" || dns.flags.rcode != 0'];
/** -V prints every field's label: checked on the first packets (all of them would be gigabytes). */
const DETAIL_PACKETS = 20_000;
const DETAIL_ARGS = ['-c', String(DETAIL_PACKETS), '-V'];
/**
 * Row 7s: a capture of a lab's size, where start-up and the JIT compiler's
 * warm-up are most of the time (a fresh process runs its first tens of
 * thousands of packets several times slower than later ones).
 */
const SMALL_PACKETS = 10_000;
/** Body segments per long PDU in rows 5c and 5d. */
const LONG_PDU_SEGMENTS = [20_000, 80_000];
/**
 * -V on the last packets of the memory-growth file: long past the open-flow
 * limit, where stream numbers depend on what the conversation table forgot
 * and remembered (netdissect's own limit experts set aside).
 */
const tailDetailArgs = (packets) => ['-Y', `frame.number > ${Math.max(0, packets - DETAIL_PACKETS)}`, '-V'];

async function main() {
  const o = parseArgs(process.argv.slice(2));
  requireTool('/usr/bin/time', 'apt-get install time');
  const tsharkPath = spawnSync('sh', ['-c', 'command -v tshark'], { encoding: 'utf8' }).stdout.trim();
  if (o.tshark && !tsharkPath) {
    console.error('bench: tshark not found (apt-get install tshark), or pass --no-tshark');
    process.exit(2);
  }
  if (o.build) {
    const b = spawnSync('npx', ['tsc', '-b'], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) process.exit(b.status ?? 1);
  }
  const info = machineInfo(root);
  const generator = path.resolve(root, '../shared/bench/make-capture.mjs');
  requireTool(generator, 'the shared corpus must be at ../shared');
  const capture = benchCapture(generator, o.packets, o.seed);
  const growthCapture = o.growth ? benchCapture(generator, o.growthPackets, o.seed) : null;
  const smallCapture = benchCapture(generator, SMALL_PACKETS, o.seed);
  // One PDU in many 100-byte segments per way of waiting for it, at two sizes: the time per packet should not grow.
  const longPdus = LONG_PDU_SEGMENTS.map((segments) => ({ segments, ...longPduCaptures(segments) }));
  const bytes = fileBytes(capture);

  const node = process.execPath;
  const netdissect = [node, path.join(root, 'packages/cli/bin/netdissect.js')];
  const tshark = ['tshark', '-n', '-o', 'tcp.reassemble_out_of_order:TRUE'];
  const script = (name, ...args) => [node, '--no-deprecation', path.join(root, 'scripts/bench', name), capture, ...args];

  let check = null;
  let detailCheck = null;
  let tailCheck = null;
  let summaryCheck = null;
  let smallCheck = null;
  let filterCheck = null;
  if (o.tshark) {
    const common = { capture, netdissect, tshark, tsharkVersion: info.tshark };
    check = await checkOutput({ ...common, name: 'fields', args: FIELD_ARGS });
    detailCheck = await checkOutput({ ...common, name: 'details', args: DETAIL_ARGS });
    summaryCheck = await checkOutput({ ...common, name: 'summary', args: [] });
    smallCheck = await checkOutput({ ...common, capture: smallCapture, name: 'summary', args: [] });
    // Case 4 leaves out protocols no frame it shows can hold: what it shows must not change.
    filterCheck = await checkOutput({ ...common, name: 'filter', args: FILTER_ARGS });
    const checks = [[check, '-T fields'], [detailCheck, `-V on the first ${DETAIL_PACKETS} packets`], [summaryCheck, 'the summary'], [smallCheck, `the summary of the ${SMALL_PACKETS}-packet file`], [filterCheck, 'the -Y summary (case 4)']];
    if (growthCapture) {
      tailCheck = await checkOutput({ ...common, capture: growthCapture, name: 'tail-details', args: tailDetailArgs(o.growthPackets), skipActual: limitExpertLines });
      checks.push([tailCheck, `-V on the last ${DETAIL_PACKETS} of ${o.growthPackets} packets`]);
    }
    for (const [c, what] of checks) {
      if (c.differing > 0) {
        console.error(`\nbench: FAIL: netdissect ${what} differs from tshark on ${c.differing} of ${c.lines} lines`);
        for (const e of c.examples) console.error(`  line ${e.line}\n    tshark:     ${e.tshark}\n    netdissect: ${e.netdissect}`);
        console.error(`  compare ${c.expectedFile} ${c.actualFile}`);
        process.exit(1);
      }
      console.error(`bench: ${what} output equals tshark's (${c.lines} lines)`);
    }
  }

  const exportRoot = path.join(CACHE_DIR, `export-${process.pid}`);
  const exported = {};
  // Every export run writes into a directory of its own, all removed after the last case: ext4
  // without a journal (these machines' root) skips inodes freed in the last minute, up to six while
  // their inode table block is unwritten, reading each one's deletion time as it looks for a free
  // inode (recently_deleted). Deleting one run's thousands of files just before the next made that
  // run pay for them in system time (a 300,000-packet netdissect export: 3-8 s of it, under 1 s on
  // tmpfs; perf: find_inode_bit, recently_deleted, find_get_block_common under openat).
  let exportRuns = 0;
  const exportRun = (tool, argv) => async () => {
    const dir = path.join(exportRoot, `${tool}-${++exportRuns}`);
    mkdirSync(dir, { recursive: true });
    const r = await measure([...argv, '-r', capture, '--export-objects', `http,${dir}`]);
    exported[tool] = readdirSync(dir).length;
    return r;
  };
  const rows = [
    { id: '1', label: 'ceiling: read + walk record headers', tool: 'node', run: () => measureScript(script('ceiling.mjs')) },
    { id: '2', label: 'pcap-parser, every packet', tool: 'pcap-parser', run: () => measureScript(script('pcap-parser-loop.mjs')) },
    { id: '3', pair: '3', label: '-T fields -e (6 fields)', tool: 'netdissect', run: () => measure([...netdissect, '-r', capture, ...FIELD_ARGS]) },
    { id: '3', pair: '3', label: '-T fields -e (6 fields)', tool: 'tshark', run: () => measure([...tshark, '-r', capture, ...FIELD_ARGS]) },
    { id: '4', pair: '4', label: '-Y POST or DNS error', tool: 'netdissect', run: () => measure([...netdissect, '-r', capture, ...FILTER_ARGS]) },
    { id: '4', pair: '4', label: '-Y POST or DNS error', tool: 'tshark', run: () => measure([...tshark, '-r', capture, ...FILTER_ARGS]) },
    { id: '5', label: 'library first pass (tree null)', tool: 'netdissect lib', run: () => measureScript(script('first-pass.mjs')) },
    // Where case 5's time goes: the same pass stopped below the application protocols.
    { id: '5a', label: 'first pass up to IP (TCP, UDP skipped)', tool: 'netdissect lib', run: () => measureScript(script('first-pass.mjs', '--up-to', 'network')) },
    { id: '5b', label: 'first pass up to TCP/UDP (no application protocol)', tool: 'netdissect lib', run: () => measureScript(script('first-pass.mjs', '--up-to', 'transport')) },
    { id: '6', pair: '6', label: '--export-objects http', tool: 'netdissect', run: exportRun('netdissect', netdissect) },
    { id: '6', pair: '6', label: '--export-objects http', tool: 'tshark', run: exportRun('tshark', tshark) },
    // The default output, one summary line per frame: what a user reads first.
    { id: '7', pair: '7', label: 'summary lines (default output)', tool: 'netdissect', run: () => measure([...netdissect, '-r', capture]) },
    { id: '7', pair: '7', label: 'summary lines (default output)', tool: 'tshark', run: () => measure([...tshark, '-r', capture]) },
    ...['netdissect', 'tshark'].map((tool) => ({
      id: '7s',
      pair: '7s',
      label: `summary lines, ${SMALL_PACKETS.toLocaleString('en-US')}-packet capture (start-up, warm-up)`,
      tool,
      packets: SMALL_PACKETS,
      bytes: fileBytes(smallCapture),
      run: () => measure([...(tool === 'tshark' ? tshark : netdissect), '-r', smallCapture]),
    })),
    ...longPdus.map((c, i) => ({
      id: i === 0 ? '5c' : '5d',
      label: `first pass, ${Object.keys(c.files).length} long PDUs of ${c.segments.toLocaleString('en-US')} segments`,
      tool: 'netdissect lib',
      packets: c.packets,
      bytes: c.bytes,
      run: () => measureScript([node, '--no-deprecation', path.join(root, 'scripts/bench/long-pdu-pass.mjs'), ...Object.values(c.files)]),
    })),
    // Memory growth: case 3 on the twice-as-long file, repeated like the rest (RSS moves 10-20 MB from run to run).
    ...(growthCapture
      ? [{ id: '3g', label: `-T fields on ${o.growthPackets.toLocaleString('en-US')} packets (memory growth)`, tool: 'netdissect', packets: o.growthPackets, bytes: fileBytes(growthCapture), run: () => measure([...netdissect, '-r', growthCapture, ...FIELD_ARGS]) }]
      : []),
  ].filter((r) => o.tshark || r.tool !== 'tshark');
  for (const r of rows) r.runs = [];

  for (let rep = 1; rep <= o.reps; rep++) {
    for (const r of rows) {
      process.stderr.write(`bench: rep ${rep}/${o.reps} case ${r.id} ${r.tool} ... `);
      const m = await r.run();
      if (m.packets !== undefined && m.packets !== (r.packets ?? o.packets)) throw new Error(`case ${r.id} saw ${m.packets} packets, expected ${r.packets ?? o.packets}`);
      r.runs.push(m);
      process.stderr.write(`${m.seconds.toFixed(2)} s, ${(m.maxRssKb / 1024).toFixed(0)} MB\n`);
    }
  }
  rmSync(exportRoot, { recursive: true, force: true });
  const rowsOut = rows.map((r) => summarize(r, r.packets ?? o.packets, r.bytes ?? bytes));
  const exportRow = rowsOut.find((r) => r.id === '6' && r.tool === 'netdissect');
  if (exportRow && exported.tshark !== undefined) exportRow.note = `exported ${exported.netdissect} files (tshark ${exported.tshark})`;

  const growthRow = rowsOut.find((r) => r.id === '3g');
  const growthRuns = rows.find((r) => r.id === '3g')?.runs ?? [];
  // Compared as the 1,000,000-packet row is: the highest peak of its repetitions.
  const growth = growthRow ? { packets: o.growthPackets, basePackets: o.packets, seconds: growthRow.seconds, maxRssMb: growthRow.maxRssMb, runsRssMb: growthRuns.map((m) => Math.round(m.maxRssKb / 1024)) } : null;

  const ratios = pairRatios(rowsOut);
  const goals = targets(rowsOut, ratios, growth);
  info.loadAvgEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
  const title = `netdissect bench, ${info.date.slice(0, 10)}, ${info.commit}${info.dirty ? '+dirty' : ''}`;
  const md = [
    `# ${title}`,
    '',
    `${o.packets.toLocaleString('en-US')} packets, ${(bytes / 1e6).toFixed(1)} MB (make-capture seed ${o.seed}), ${o.reps} repetitions each, cases alternating.`,
    `Machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB; Node ${info.node}; ${info.tshark || 'no tshark'}.`,
    `Load average at start ${info.loadAvgStart.join(' ')}, at end ${info.loadAvgEnd.join(' ')} (other jobs share the machine: compare ratios from one run, not absolute figures across runs).`,
    '',
    'Times are wall clock of the process (cases 1, 2, 5, 5a-5d: the script\'s own timing, module loading excluded); CPU s is user+system; peak RSS from `/usr/bin/time -v`.',
    '',
    markdownTable(rowsOut, ratios),
    '',
    growth ? `Memory growth (row 3g): case 3 netdissect on ${growth.packets.toLocaleString('en-US')} packets, peak RSS of its ${growth.runsRssMb.length} runs ${growth.runsRssMb.join(', ')} MB; the highest, ${growth.maxRssMb.toFixed(0)} MB, is compared with the highest of case 3's.` : '',
    exportRow?.note ? `Export objects: ${exportRow.note}.` : '',
    longPduLine(rowsOut),
    check
      ? `Correctness: -T fields output equals tshark's on all ${check.lines.toLocaleString('en-US')} lines; -V on the first ${DETAIL_PACKETS.toLocaleString('en-US')} packets equals tshark's on all ${detailCheck.lines.toLocaleString('en-US')} lines` +
        `; the summary lines (row 7) equal tshark's on all ${summaryCheck.lines.toLocaleString('en-US')}, and on all ${smallCheck.lines.toLocaleString('en-US')} of the ${SMALL_PACKETS.toLocaleString('en-US')}-packet file (row 7s)` +
        `; case 4's lines equal tshark's on all ${filterCheck.lines.toLocaleString('en-US')}` +
        (tailCheck ? `; -V on the last ${DETAIL_PACKETS.toLocaleString('en-US')} of the ${o.growthPackets.toLocaleString('en-US')}-packet file equals tshark's on all ${tailCheck.lines.toLocaleString('en-US')} lines (netdissect's limit experts set aside).` : '.')
      : 'Correctness: not checked (--no-tshark).',
    '',
    '## Targets (issue 9)',
    '',
    markdownTargets(goals),
    '',
  ].join('\n');
  mkdirSync(o.out, { recursive: true });
  const base = path.join(o.out, `${info.date.slice(0, 10)}-${info.commit}${info.dirty ? '-dirty' : ''}${o.packets !== 1_000_000 ? `-${o.packets}` : ''}`);
  writeFileSync(`${base}.md`, md);
  writeFileSync(`${base}.json`, JSON.stringify({ ...info, packets: o.packets, bytes, reps: o.reps, seed: o.seed, rows: rowsOut, runs: rows.map((r) => ({ id: r.id, tool: r.tool, runs: r.runs.map(({ stdout: _s, extra: _e, ...m }) => m) })), ratios, growth, correctness: check && { lines: check.lines, differing: check.differing, summary: { lines: summaryCheck.lines, differing: summaryCheck.differing }, filter: { lines: filterCheck.lines, differing: filterCheck.differing }, smallSummary: { packets: SMALL_PACKETS, lines: smallCheck.lines, differing: smallCheck.differing }, details: { packets: DETAIL_PACKETS, lines: detailCheck.lines, differing: detailCheck.differing }, tailDetails: tailCheck && { packets: DETAIL_PACKETS, of: o.growthPackets, lines: tailCheck.lines, differing: tailCheck.differing } }, targets: goals }, null, 2) + '\n');
  console.log(md);
  console.log(`bench: wrote ${base}.md and .json`);
}

/** Rows 5c and 5d compared: time per packet with four times the segments per PDU (1.0: linear). */
function longPduLine(rowsOut) {
  const [c, d] = ['5c', '5d'].map((id) => rowsOut.find((r) => r.id === id));
  if (!c || !d) return '';
  const perPacket = (r) => 1e6 / r.packetsPerSecond;
  return `Long PDUs (rows 5c, 5d; scripts/long-pdu-captures.mjs): ${perPacket(c).toFixed(1)} µs a packet with ${LONG_PDU_SEGMENTS[0].toLocaleString('en-US')} segments per PDU, ${perPacket(d).toFixed(1)} µs with ${LONG_PDU_SEGMENTS[1].toLocaleString('en-US')}: ${(perPacket(d) / perPacket(c)).toFixed(2)}x (reassembly linear in the segments: about 1 or less).`;
}

main().catch((err) => {
  console.error(`bench: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
