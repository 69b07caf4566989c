import { knownOptions } from '@netdissect/cli';
import { describe, expect, it } from 'vitest';
import { runNetdissect } from '../support/run-cli.js';

describe('netdissect --help', () => {
  it('documents every option the parser accepts, with examples, and exits 0', async () => {
    const r = await runNetdissect(['--help']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    for (const opt of knownOptions()) {
      // "-q, -Q" and "--tui, --no-tui" list two options on one line.
      expect(r.stdout, `${opt} is not in --help`).toMatch(new RegExp(`(^|[\\s,])${opt.replace(/[-]/g, '\\-')}([\\s,=]|$)`, 'm'));
    }
    for (const z of ['io,phs', 'conv,', 'endpoints,', 'io,stat', 'dns,tree', 'http,tree', 'http_req,tree', 'expert', 'credentials', 'follow,', 'transcript,', 'dig']) {
      expect(r.stdout).toContain(`-z ${z}`);
    }
    expect(r.stdout.match(/example/g)?.length).toBeGreaterThanOrEqual(7);
  });

  it('-h and --version', async () => {
    expect((await runNetdissect(['-h'])).stdout).toContain('Usage: netdissect');
    expect((await runNetdissect(['--version'])).stdout).toMatch(/^netdissect \d+\.\d+\.\d+/);
  });

  it('an unknown limit name is a usage error listing the known ones', async () => {
    const r = await runNetdissect(['--limit', 'bogus=1', '-r', 'x.pcap']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown limit "bogus"; known limits: .*maxOpenFlows/);
  });
});
