// Turns the measurements into the table a reader compares across commits
// (markdown), and checks the targets against it.
import { median, spread } from './stats.mjs';

const fmtInt = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

/** Summary of one row's repetitions. */
export function summarize(row, packets, bytes) {
  const secs = row.runs.map((r) => r.seconds);
  const cpus = row.runs.map((r) => r.cpuSeconds);
  const rss = row.runs.map((r) => r.maxRssKb);
  const s = median(secs);
  return {
    id: row.id,
    label: row.label,
    tool: row.tool,
    pair: row.pair ?? null,
    reps: row.runs.length,
    seconds: s,
    minSeconds: Math.min(...secs),
    maxSeconds: Math.max(...secs),
    spread: spread(secs),
    cpuSeconds: median(cpus),
    packetsPerSecond: packets / s,
    megabytesPerSecond: bytes / 1e6 / s,
    cpuPacketsPerSecond: packets / median(cpus),
    maxRssMb: Math.max(...rss) / 1024,
    note: row.note ?? '',
  };
}

/** netdissect/tshark throughput ratios (wall clock and CPU time) for each pair. */
export function pairRatios(rows) {
  const out = {};
  for (const r of rows) {
    if (!r.pair || r.tool !== 'netdissect') continue;
    const t = rows.find((x) => x.pair === r.pair && x.tool === 'tshark');
    if (!t) continue;
    out[r.pair] = { wall: t.seconds / r.seconds, cpu: t.cpuSeconds / r.cpuSeconds };
  }
  return out;
}

export function markdownTable(rows, ratios) {
  const lines = [
    '| # | case | tool | median s | min–max s | spread | packets/s | MB/s | CPU s | packets/CPU-s | peak RSS MB | netdissect/tshark (wall, CPU) |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const ratio = r.pair && r.tool === 'netdissect' && ratios[r.pair] ? `${fmt(ratios[r.pair].wall)}x, ${fmt(ratios[r.pair].cpu)}x` : '';
    lines.push(
      `| ${r.id} | ${r.label} | ${r.tool} | ${fmt(r.seconds, 3)} | ${fmt(r.minSeconds, 3)}–${fmt(r.maxSeconds, 3)} | ${fmt(100 * r.spread, 0)}% | ${fmtInt(r.packetsPerSecond)} | ${fmt(r.megabytesPerSecond, 1)} | ${fmt(r.cpuSeconds, 2)} | ${fmtInt(r.cpuPacketsPerSecond)} | ${fmt(r.maxRssMb, 0)} | ${ratio} |`,
    );
  }
  return lines.join('\n');
}

/** The targets, each with the measured figure and whether it holds. */
export function targets(rows, ratios, growth) {
  const byId = (id, tool) => rows.find((r) => r.id === id && (!tool || r.tool === tool));
  const out = [];
  for (const [pair, name] of [['3', '-T fields'], ['4', '-Y filter'], ['6', '--export-objects']]) {
    const r = ratios[pair];
    if (r) out.push({ target: `${pair} (${name}): netdissect >= 10x tshark packets/s`, measured: `${fmt(r.wall)}x wall (${fmt(r.cpu)}x CPU)`, met: r.wall >= 10 });
  }
  const fp = byId('5');
  const ceiling = byId('1');
  if (fp) out.push({ target: '5 (first pass): >= 1,000,000 packets/s', measured: `${fmtInt(fp.packetsPerSecond)} packets/s`, met: fp.packetsPerSecond >= 1e6 });
  if (fp && ceiling) out.push({ target: '5 (first pass): >= 1/3 of the ceiling (1)', measured: `${fmt(fp.packetsPerSecond / ceiling.packetsPerSecond, 3)} of ceiling`, met: fp.packetsPerSecond * 3 >= ceiling.packetsPerSecond });
  const f = byId('3', 'netdissect');
  if (f) out.push({ target: '3: peak RSS < 300 MB', measured: `${fmt(f.maxRssMb, 0)} MB`, met: f.maxRssMb < 300 });
  if (f && growth) out.push({ target: `3 on ${fmtInt(growth.packets)} packets: peak RSS < 1.2x the ${fmtInt(growth.basePackets)}-packet run`, measured: `${fmt(growth.maxRssMb, 0)} MB = ${fmt(growth.maxRssMb / f.maxRssMb)}x`, met: growth.maxRssMb < 1.2 * f.maxRssMb });
  return out;
}

export function markdownTargets(list) {
  return ['| target | measured | met |', '| --- | --- | --- |', ...list.map((t) => `| ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`)].join('\n');
}
