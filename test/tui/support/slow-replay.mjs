#!/usr/bin/env node
// Writes a capture file to stdout the way a live capture arrives: the pcap
// header and the first N records, then waits until the file GATE exists
// before writing the rest. Usage: node slow-replay.mjs CAPTURE.pcap N GATE
import { existsSync, readFileSync } from 'node:fs';

const [file, firstCount, gate] = process.argv.slice(2);
const buf = readFileSync(file);
const le = buf.readUInt32LE(0) === 0xa1b2c3d4 || buf.readUInt32LE(0) === 0xa1b23c4d;
const u32 = (o) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
const records = [];
for (let off = 24; off + 16 <= buf.length; ) {
  const end = off + 16 + u32(off + 8);
  records.push(buf.subarray(off, end));
  off = end;
}
const write = (b) => new Promise((resolve) => (process.stdout.write(b) ? resolve() : process.stdout.once('drain', resolve)));
await write(buf.subarray(0, 24));
const n = Number(firstCount);
for (const r of records.slice(0, n)) await write(r);
while (!existsSync(gate)) await new Promise((r) => setTimeout(r, 20));
for (const r of records.slice(n)) await write(r);
