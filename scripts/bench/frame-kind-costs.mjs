// Where the first pass's time goes by kind of frame rather than by function:
// the first pass (as case 5) with the time between consecutive frames added
// to the frame's protocol stack ("ip:udp:dns", "ip:tcp" with or without
// payload). Garbage collection lands on whichever frame it interrupts, so
// read the per-frame figures as averages over many frames.
//
// Usage: node scripts/bench/frame-kind-costs.mjs FILE [--top N]
import { CaptureReader, DissectionSession, dissectCapture } from '@netdissect/core';
import { loadProtocolPackages } from './protocol-packages.mjs';

const [file, flag, top = '25'] = process.argv.slice(2);
if (!file || (flag !== undefined && flag !== '--top')) {
  console.error('usage: frame-kind-costs.mjs FILE [--top N]');
  process.exit(2);
}
await loadProtocolPackages();

/** Frames and nanoseconds per protocol stack. */
const kinds = new Map();
let columnChars = 0;
const reader = await CaptureReader.open(file);
let last = process.hrtime.bigint();
await dissectCapture(reader, new DissectionSession({}), { tree: null }, (frame) => {
  const { pinfo } = frame;
  columnChars += pinfo.cols.protocol.length + pinfo.cols.info.length;
  const now = process.hrtime.bigint();
  // The stack below "frame" and the link layer; a bare TCP segment says whether it carried bytes.
  let kind = pinfo.layers.slice(2).join(':');
  if (pinfo.layers[pinfo.layers.length - 1] === 'tcp') kind += / Len=0\b/.test(pinfo.cols.info) ? ' (no payload)' : ' (payload)';
  const k = kinds.get(kind) ?? { frames: 0, ns: 0 };
  k.frames++;
  k.ns += Number(now - last);
  kinds.set(kind, k);
  last = now;
});
let total = 0;
for (const k of kinds.values()) total += k.ns;
console.log(`${'ms'.padStart(7)} ${'share'.padStart(6)} ${'frames'.padStart(8)} ${'µs/frame'.padStart(9)}  protocols`);
for (const [kind, k] of [...kinds].sort((a, b) => b[1].ns - a[1].ns).slice(0, Number(top))) {
  console.log(`${(k.ns / 1e6).toFixed(0).padStart(7)} ${((100 * k.ns) / total).toFixed(1).padStart(5)}% ${String(k.frames).padStart(8)} ${(k.ns / k.frames / 1000).toFixed(2).padStart(9)}  ${kind}`);
}
console.log(`(${(total / 1e9).toFixed(2)} s over ${[...kinds.values()].reduce((n, k) => n + k.frames, 0)} frames; column characters ${columnChars})`);
