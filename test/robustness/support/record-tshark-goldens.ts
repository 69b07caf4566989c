/**
 * Writes fixtures/robustness/terminal-escapes.pcap and what tshark 4.0
 * prints for it with -T fields and -T json on a pipe, so the tests compare
 * without needing tshark. Run from the repository root:
 *   node --import ./scripts/fuzz/register-ts.mjs test/robustness/support/record-tshark-goldens.ts
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCapture } from './capture-file.js';
import { ROBUSTNESS_FIXTURES, TERMINAL_ESCAPE_FIELDS } from './robustness-fixtures.js';
import { terminalEscapeFrames } from './terminal-escape-capture.js';

const capture = join(ROBUSTNESS_FIXTURES, 'terminal-escapes.pcap');
copyFileSync(await writeCapture('terminal-escapes.pcap', terminalEscapeFrames()), capture);
const tshark = (args: string[]): string =>
  execFileSync('tshark', ['-n', '-o', 'tcp.reassemble_out_of_order:TRUE', '-r', capture, ...args], { encoding: 'latin1', stdio: ['ignore', 'pipe', 'ignore'] });
writeFileSync(join(ROBUSTNESS_FIXTURES, 'terminal-escapes.fields.txt'), tshark(['-T', 'fields', ...TERMINAL_ESCAPE_FIELDS.flatMap((f) => ['-e', f])]), 'latin1');
writeFileSync(join(ROBUSTNESS_FIXTURES, 'terminal-escapes.json'), tshark(['-T', 'json']), 'latin1');
console.log(`wrote ${capture} and its tshark goldens`);
