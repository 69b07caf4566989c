// The benchmark's case 5 and its layer breakdown (5a, 5b) on a small generated capture:
// each stops where it says, and all three see every packet.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

const generator = join(repoRoot, '..', 'shared', 'bench', 'make-capture.mjs');
const firstPass = join(repoRoot, 'scripts', 'bench', 'first-pass.mjs');
const dir = mkdtempSync(join(tmpdir(), 'netdissect-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  packets: number;
  columnChars: number;
}

function run(capture: string, ...args: string[]): Report {
  return JSON.parse(execFileSync(process.execPath, [firstPass, capture, ...args], { encoding: 'utf8' })) as Report;
}

describe('bench first pass, whole and up to a layer', () => {
  const capture = join(dir, 'bench-3000.pcap');
  execFileSync(process.execPath, [generator, '--packets', '3000', '--out', capture, '--quiet']);

  it('reads every packet at each depth; less of each frame reaches the columns the lower it stops', () => {
    const full = run(capture);
    const transport = run(capture, '--up-to', 'transport');
    const network = run(capture, '--up-to', 'network');
    for (const r of [full, transport, network]) expect(r.packets).toBe(3000);
    // Application protocols write longer Info than TCP's ports and flags; without TCP and UDP only "TCP"/"UDP" and IP's is left.
    expect(transport.columnChars).toBeLessThan(full.columnChars);
    expect(network.columnChars).toBeLessThan(transport.columnChars / 4);
  });

  it('refuses an unknown layer with one line and status 2', () => {
    const r = spawnSync(process.execPath, [firstPass, capture, '--up-to', 'session'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
