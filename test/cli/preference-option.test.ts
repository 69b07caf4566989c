import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { preferenceNames } from '../../packages/cli/src/preference-option.js';
import { repoRoot } from '../support/paths.js';
import { refusedLine, runNetdissect } from '../support/run-cli.js';

const capture = join(repoRoot, 'fixtures/lab/smtp-auth-plain.pcap');

/** Every name a dissector reads with session.pref('NAME', ...), from the packages' sources. */
function namesReadBySources(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/\.pref\('([^']+)'/g)) names.add(m[1]!);
    }
  };
  for (const pkg of readdirSync(join(repoRoot, 'packages'))) walk(join(repoRoot, 'packages', pkg, 'src'));
  return names;
}

describe('-o NAME:VALUE', () => {
  it('knows exactly the preferences the dissectors read (and tshark\'s out-of-order reassembly, always on)', () => {
    const known = new Set(preferenceNames());
    expect(known.delete('tcp.reassemble_out_of_order')).toBe(true);
    expect([...known].sort()).toEqual([...namesReadBySources()].sort());
  });

  it.each([
    ['tcp.analyze_sequence_numbers:FALSE', 'netdissect has no preference "tcp.analyze_sequence_numbers" (it has: '],
    ['tcp.reassemble_out_of_order:FALSE', 'always reassembles out-of-order TCP segments'],
    ['dns.retransmission_timer:soon', 'dns.retransmission_timer takes a number of 0 or more'],
    ['ip.defragment', 'expected name:value'],
  ])('-o %s: one line, status 2', async (arg, message) => {
    expect(await refusedLine(['-o', arg, '-r', capture])).toContain(message);
  });

  it('a boolean is on only for "true" in any case, as prefs.c reads it', async () => {
    // HTTP bodies over several segments: reassembled or not.
    const http = join(repoRoot, 'test/lab-traffic/captures/lab-http.pcap');
    const run = async (value: string) => (await runNetdissect(['-o', `tcp.desegment_tcp_streams:${value}`, '-r', http])).stdout;
    const off = await run('FALSE');
    const on = await run('TRUE');
    expect(off).not.toBe(on);
    expect(await run('False')).toBe(off);
    expect(await run('no')).toBe(off);
    expect(await run('True')).toBe(on);
    expect((await runNetdissect(['-o', 'tcp.reassemble_out_of_order:TRUE', '-r', http])).stdout).toBe(on);
  });
});
