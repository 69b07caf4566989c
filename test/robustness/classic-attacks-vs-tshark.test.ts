import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TSHARK_COMPARED_ATTACKS } from './support/classic-attack-captures.js';
import { ROBUSTNESS_FIXTURES } from './support/robustness-fixtures.js';
import { netdissect } from './support/terminal-cli.js';

/**
 * DNS compression loops, IPv4/IPv6 fragment overlap, teardrop and ping of
 * death, and TCP sequence numbers wrapping at 2^32-1: netdissect prints
 * what tshark 4.0 printed for the same capture (recorded beside it), and
 * dissection goes on after each hostile frame. The one place netdissect
 * differs on purpose, the DNS chain longer than dnsMaxPointers, is raised
 * to tshark's 255 here and checked at the default in dns-compression.test.ts.
 */
const fixture = (name: string, ext: string): string => join(ROBUSTNESS_FIXTURES, `${name}.${ext}`);
const extraArgs: Record<string, string[]> = { 'dns-pointer-loops': ['--limit', 'dnsMaxPointers=255'] };

describe.each(Object.keys(TSHARK_COMPARED_ATTACKS))('%s', (name) => {
  const args = ['-r', fixture(name, 'pcap'), ...(extraArgs[name] ?? [])];

  it('summary lines as tshark prints them', async () => {
    const out = await netdissect(args, { tty: false });
    expect(out.status).toBe(0);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(readFileSync(fixture(name, 'summary.txt'), 'utf8'));
  });

  it('-z expert as tshark reports it', async () => {
    const out = await netdissect([...args, '-q', '-z', 'expert'], { tty: false });
    expect(out.status).toBe(0);
    expect(out.stdout.trimEnd()).toBe(readFileSync(fixture(name, 'expert.txt'), 'utf8').trimEnd());
  });

  it('-V and -T json render every frame', async () => {
    const frames = readFileSync(fixture(name, 'summary.txt'), 'utf8').split('\n').filter(Boolean).length;
    const tree = await netdissect([...args, '-V'], { tty: true });
    expect(tree.status).toBe(0);
    expect(tree.stdout.match(/^Frame \d+:/gm)).toHaveLength(frames);
    const json = await netdissect([...args, '-T', 'json'], { tty: false });
    expect(JSON.parse(json.stdout)).toHaveLength(frames);
  });
});
