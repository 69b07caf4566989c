import { describe, expect, it } from 'vitest';
import { runNetdissect } from '../../../../test/support/run-cli.js';
import { corpusPath } from '../../../../test/support/paths.js';

describe('netdissect --tui', () => {
  it('refuses, in one line, to draw on something that is not a terminal', async () => {
    const r = await runNetdissect(['--tui', corpusPath('http/get.pcap')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('netdissect: the terminal UI needs a terminal on standard output; use --no-tui\n');
  });
});
