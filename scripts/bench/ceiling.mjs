// Case 1, the ceiling: read the file in large chunks and walk the pcap
// record headers, nothing else. Prints one JSON line (see measure-in-process.mjs).
import { open } from 'node:fs/promises';
import { cpuNow, reportInProcess } from './in-process-report.mjs';

const CHUNK = 1024 * 1024;
const path = process.argv[2];
const cpu0 = cpuNow();
const t0 = process.hrtime.bigint();
const fh = await open(path, 'r');
let buf = Buffer.allocUnsafeSlow(CHUNK);
let have = 0; // unparsed bytes at the start of buf
let packets = 0;
let bytes = 0;
let headerDone = false;
for (;;) {
  const { bytesRead } = await fh.read(buf, have, buf.length - have);
  if (bytesRead === 0) break;
  bytes += bytesRead;
  const end = have + bytesRead;
  let p = 0;
  if (!headerDone) {
    if (end < 24) { have = end; continue; }
    p = 24;
    headerDone = true;
  }
  while (end - p >= 16) {
    const incl = (buf[p + 8] | (buf[p + 9] << 8) | (buf[p + 10] << 16) | (buf[p + 11] << 24)) >>> 0;
    if (end - p - 16 < incl) break;
    p += 16 + incl;
    packets++;
  }
  // Carry the partial record to the front (growing for a record larger than a chunk).
  have = end - p;
  const next = have + 65536 > buf.length ? Buffer.allocUnsafeSlow(Math.max(CHUNK, 2 * (have + 65536))) : buf;
  buf.copy(next, 0, p, end);
  buf = next;
}
await fh.close();
reportInProcess({ packets, bytes, t0, cpu0 });
