// Rows 5c and 5d: the library's first pass (as case 5) over the long-PDU
// captures (scripts/long-pdu-captures.mjs), each in a session of its own;
// one JSON line for all of them. With 4 times the segments, the time per
// packet should stay the same: reassembly is linear in the segments.
import { statSync } from 'node:fs';
import { CaptureReader, DissectionSession, dissectCapture } from '@netdissect/core';
import { cpuNow, reportInProcess } from './in-process-report.mjs';
import { loadProtocolPackages } from './protocol-packages.mjs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: long-pdu-pass.mjs FILE...');
  process.exit(2);
}
await loadProtocolPackages();

const cpu0 = cpuNow();
const t0 = process.hrtime.bigint();
let packets = 0;
let bytes = 0;
let columnChars = 0;
for (const file of files) {
  const reader = await CaptureReader.open(file);
  packets += await dissectCapture(reader, new DissectionSession({}), { tree: null }, (frame) => {
    columnChars += frame.pinfo.cols.protocol.length + frame.pinfo.cols.info.length;
  });
  bytes += statSync(file).size;
}
reportInProcess({ packets, bytes, t0, cpu0, extra: { columnChars } });
