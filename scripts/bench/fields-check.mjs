// The correctness half of the benchmark: netdissect's -T fields output on the
// bench capture must equal tshark's, line for line. tshark's output is cached
// next to the capture (per tshark version), as it never changes.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { measure } from './measure.mjs';
import { CACHE_DIR } from './capture-cache.mjs';

export async function checkFields({ capture, fieldArgs, netdissect, tshark, tsharkVersion }) {
  const key = createHash('sha256').update(`${tsharkVersion}\0${fieldArgs.join('\0')}`).digest('hex').slice(0, 12);
  const expectedFile = path.join(CACHE_DIR, `${path.basename(capture, '.pcap')}-tshark-fields-${key}.txt`);
  if (!existsSync(expectedFile)) {
    process.stderr.write('bench: recording tshark -T fields reference ...\n');
    await measure([...tshark, '-r', capture, ...fieldArgs], { stdoutFile: `${expectedFile}.partial` });
    renameSync(`${expectedFile}.partial`, expectedFile);
  }
  const actualFile = path.join(CACHE_DIR, `${path.basename(capture, '.pcap')}-netdissect-fields.txt`);
  await measure([...netdissect, '-r', capture, ...fieldArgs], { stdoutFile: actualFile });
  const expected = readFileSync(expectedFile, 'latin1').split('\n');
  const actual = readFileSync(actualFile, 'latin1').split('\n');
  const n = Math.max(expected.length, actual.length);
  let differing = 0;
  const examples = [];
  for (let i = 0; i < n; i++) {
    if (expected[i] === actual[i]) continue;
    differing++;
    if (examples.length < 5) examples.push({ line: i + 1, tshark: expected[i] ?? '(missing)', netdissect: actual[i] ?? '(missing)' });
  }
  return { lines: expected.length - 1, differing, examples, expectedFile, actualFile };
}
