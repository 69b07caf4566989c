#!/usr/bin/env node
// Regenerate packages/core/data/oui-names.tsv.gz from Wireshark's manuf file
// (the vendor names tshark shows as eth.*.oui_resolved). Only 24-bit OUIs are
// looked up there. Usage: node scripts/generate-oui-names.mjs [/usr/share/wireshark/manuf]
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = process.argv[2] ?? '/usr/share/wireshark/manuf';
const rows = [];
for (const line of readFileSync(source, 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [prefix, short, long] = line.split('\t');
  if (!prefix || prefix.includes('/') || !/^[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}$/.test(prefix)) continue;
  rows.push(`${prefix.replaceAll(':', '').toLowerCase()}\t${(long ?? short ?? '').trim()}`);
}
rows.sort();
writeFileSync(join(root, 'packages', 'core', 'data', 'oui-names.tsv.gz'), gzipSync(rows.join('\n') + '\n', { level: 9 }));
console.log(`${rows.length} OUIs`);
