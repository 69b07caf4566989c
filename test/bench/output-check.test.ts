// The benchmark's correctness check compares tshark's and netdissect's outputs
// line by line, a chunk at a time: the -V output of the bench file is too large
// to load whole.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { compareLines, limitExpertLines } from '../../scripts/bench/output-check.mjs';

interface Comparison {
  lines: number;
  differing: number;
  examples: Array<{ line: number; tshark: string; netdissect: string }>;
}
const compare = compareLines as (expected: string, actual: string, maxExamples?: number, skipActual?: ((line: string) => number) | null) => Comparison;
const limitLines = limitExpertLines as (line: string) => number;

const dir = mkdtempSync(join(tmpdir(), 'netdissect-output-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, 'latin1');
  return path;
}

describe('bench output comparison', () => {
  // Lines of 100 bytes, 120,000 of them: 12 MB, so lines cross the 8 MB read chunks.
  const lines = Array.from({ length: 120_000 }, (_, i) => `${String(i).padStart(8, '0')} ${'x'.repeat(90)}`);
  const text = `${lines.join('\n')}\n`;

  it('finds equal files equal, across read chunks', () => {
    expect(compare(file('a.txt', text), file('b.txt', text))).toEqual({ lines: 120_000, differing: 0, examples: [] });
  });

  it('counts each differing line and shows the first ones with their numbers', () => {
    const changed = lines.slice();
    changed[83_885] = `${changed[83_885]}!`;
    changed[100_000] = 'other';
    const r = compare(file('a.txt', text), file('c.txt', `${changed.join('\n')}\n`), 1);
    expect(r.lines).toBe(120_000);
    expect(r.differing).toBe(2);
    expect(r.examples).toEqual([{ line: 83_886, tshark: lines[83_885], netdissect: `${lines[83_885]}!` }]);
  });

  it('counts missing and extra lines as differences', () => {
    const short = compare(file('a.txt', text), file('d.txt', `${lines.slice(0, -2).join('\n')}\n`));
    expect(short).toMatchObject({ lines: 120_000, differing: 2 });
    expect(short.examples[0]).toEqual({ line: 119_999, tshark: lines[119_998], netdissect: '(missing)' });
    const long = compare(file('e.txt', 'one\n'), file('f.txt', 'one\ntwo\n'));
    expect(long).toEqual({ lines: 1, differing: 1, examples: [{ line: 2, tshark: '(missing)', netdissect: 'two' }] });
  });

  it("sets aside netdissect's own limit experts (four lines each), and nothing else", () => {
    const tshark = ['Frame 904828: 87 bytes on wire', '    [Frame is ignored: False]', '    [Protocols in frame: eth:ethertype:ip:udp:dns]', 'Ethernet II'];
    const expert = (what: string) => [
      `    [Expert Info (Warning/Sequence): ${what} limit reached (maxOpenFlows=100000): the longest-idle conversations were forgotten]`,
      `        [${what} limit reached (maxOpenFlows=100000): the longest-idle conversations were forgotten]`,
      '        [Severity level: Warning]',
      '        [Group: Sequence]',
    ];
    const ours = [...tshark.slice(0, 2), ...expert('Open-flow'), ...tshark.slice(2)];
    const expected = file('g.txt', `${tshark.join('\n')}\n`);
    expect(compare(expected, file('h.txt', `${ours.join('\n')}\n`), 5, limitLines)).toEqual({ lines: 4, differing: 0, examples: [] });
    // Without setting them aside they differ, and an expert item of another kind is never set aside.
    expect(compare(expected, file('h.txt', `${ours.join('\n')}\n`)).differing).toBeGreaterThan(0);
    const other = [...tshark.slice(0, 2), ...expert('Some other'), ...tshark.slice(2)];
    expect(compare(expected, file('i.txt', `${other.join('\n')}\n`), 5, limitLines).differing).toBeGreaterThan(0);
  });
});
