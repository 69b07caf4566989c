import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROBUSTNESS_FIXTURES } from './support/robustness-fixtures.js';
import { netdissect } from './support/terminal-cli.js';

/** User errors: one clear line on stderr, status 2, never a stack trace (test/cli/capture-errors.test.ts has more). */
const capture = join(ROBUSTNESS_FIXTURES, 'dns-pointer-loops.pcap');

describe('user errors', () => {
  it.each([
    [['-r', capture, '-Y', 'dns.qry.name =='], /invalid display filter at character 16/],
    [['-r', capture, '-Y', 'no.such.field == 1'], /must be a field or function, not no.such.field/],
    [['-r', capture, '-z', 'nosuch,stat'], /invalid -z argument "nosuch,stat"/],
    [['-r', tmpdir()], /could not be read: it is a directory/],
    [['-i', 'nosuchif0', '-c', '1'], /there is no interface named "nosuchif0"/],
  ])('%j', async (argv, message) => {
    const out = await netdissect(argv, { tty: true });
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    const lines = out.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});
