import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeCaptureFiles, writeCapture } from './support/capture-file.js';
import { expertEntries } from './support/expert-report.js';
import { dnsManyChainedNames, dnsPlainQuery, dnsPointerChain } from './support/hostile-captures.js';
import { ROBUSTNESS_FIXTURES } from './support/robustness-fixtures.js';
import { netdissect } from './support/terminal-cli.js';

afterAll(removeCaptureFiles);

const LOOP = '<Name contains a pointer that loops>';
const loops = join(ROBUSTNESS_FIXTURES, 'dns-pointer-loops.pcap');

describe('DNS compression pointers (dnsMaxPointers)', () => {
  it('real loops read as tshark reads them, with no limit reported; the chain past the default limit is cut and reported once', async () => {
    const out = await netdissect(['-r', loops], { tty: false });
    const lines = out.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toContain(`A ${LOOP} A 192.0.2.1`);
    expect(lines[1]).toContain(`A ${LOOP}`);
    expect(lines[2]).toContain(`NULL ${LOOP}`);
    expect(lines[3]).toContain('Standard query 0x0002 A example.com');
    const expert = await netdissect(['-r', loops, '-q', '-z', 'expert'], { tty: false });
    expect(expertEntries(expert.stdout)).toEqual([
      { severity: 'Warns', frequency: 1, group: 'Malformed', protocol: 'DNS', summary: 'DNS compression pointer limit reached (dnsMaxPointers=64): a longer chain is shown as a loop' },
    ]);
  });

  it('--limit dnsMaxPointers=N follows exactly N pointers', async () => {
    // A chain of n names takes n + 1 pointers (the answer's name points at its last link).
    const path = await writeCapture('dns-chains.pcap', [dnsPointerChain(9), dnsPointerChain(10), dnsPlainQuery()]);
    const out = await netdissect(['-r', path, '--limit', 'dnsMaxPointers=10'], { tty: false });
    const lines = out.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toContain(`NULL ${'x.'.repeat(9)}a`);
    expect(lines[1]).toContain(`NULL ${LOOP}`);
    expect(lines[2]).toContain('A example.com');
  });

  it('400 names that each walk a 61-pointer chain: every one expanded (each walk is capped by the limit), the next frame dissected', async () => {
    const path = await writeCapture('dns-many-chained-names.pcap', [dnsManyChainedNames(60, 400), dnsPlainQuery()]);
    const out = await netdissect(['-r', path], { tty: false });
    expect(out.status).toBe(0);
    const lines = out.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`NULL ${'x.'.repeat(60)}a`);
    expect(lines[0]!.match(/ NULL/g)).toHaveLength(401);
    expect(lines[1]).toContain('A example.com');
  });
});
