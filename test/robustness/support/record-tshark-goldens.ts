/**
 * Writes the crafted captures of fixtures/robustness/ and what tshark 4.0
 * prints for them, so the tests compare without needing tshark:
 * terminal-escapes.pcap with its -T fields and -T json output on a pipe,
 * and each classic attack of classic-attack-captures.ts with its summary
 * lines and -z expert report. Run from the repository root:
 *   node --import ./scripts/fuzz/register-ts.mjs test/robustness/support/record-tshark-goldens.ts
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeCaptureFiles, writeCapture } from './capture-file.js';
import { TSHARK_COMPARED_ATTACKS } from './classic-attack-captures.js';
import { ROBUSTNESS_FIXTURES, TERMINAL_ESCAPE_FIELDS } from './robustness-fixtures.js';
import { terminalEscapeFrames } from './terminal-escape-capture.js';

const tshark = (capture: string, args: string[]): string =>
  execFileSync('tshark', ['-n', '-o', 'tcp.reassemble_out_of_order:TRUE', '-r', capture, ...args], { encoding: 'latin1', stdio: ['ignore', 'pipe', 'ignore'] });

async function record(name: string, frames: Uint8Array[]): Promise<string> {
  const capture = join(ROBUSTNESS_FIXTURES, `${name}.pcap`);
  copyFileSync(await writeCapture(`${name}.pcap`, frames), capture);
  return capture;
}

const escapes = await record('terminal-escapes', terminalEscapeFrames());
writeFileSync(join(ROBUSTNESS_FIXTURES, 'terminal-escapes.fields.txt'), tshark(escapes, ['-T', 'fields', ...TERMINAL_ESCAPE_FIELDS.flatMap((f) => ['-e', f])]), 'latin1');
writeFileSync(join(ROBUSTNESS_FIXTURES, 'terminal-escapes.json'), tshark(escapes, ['-T', 'json']), 'latin1');

for (const [name, frames] of Object.entries(TSHARK_COMPARED_ATTACKS)) {
  const capture = await record(name, frames());
  writeFileSync(join(ROBUSTNESS_FIXTURES, `${name}.summary.txt`), tshark(capture, []), 'latin1');
  writeFileSync(join(ROBUSTNESS_FIXTURES, `${name}.expert.txt`), tshark(capture, ['-q', '-z', 'expert']), 'latin1');
}
removeCaptureFiles();
console.log(`wrote the captures of ${ROBUSTNESS_FIXTURES} and their tshark goldens`);
