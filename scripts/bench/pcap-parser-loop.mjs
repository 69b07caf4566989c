// Case 2, the baseline: pcap-parser (the reader users name) iterating every packet.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpuNow, reportInProcess } from './in-process-report.mjs';

const pcapParser = createRequire(import.meta.url)('pcap-parser');
const path = process.argv[2];
const cpu0 = cpuNow();
const t0 = process.hrtime.bigint();
let packets = 0;
let captured = 0;
const parser = pcapParser.parse(path);
parser.on('packet', (p) => {
  packets++;
  captured += p.data.length;
});
parser.on('error', (err) => {
  process.stderr.write(`pcap-parser: ${err.message}\n`);
  process.exit(1);
});
parser.on('end', () => reportInProcess({ packets, bytes: statSync(path).size, t0, cpu0, extra: { captured } }));
