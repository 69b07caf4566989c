import { afterEach, describe, expect, it, vi } from 'vitest';
import { imfDissector, smtpDissector } from '@netdissect/smtp';
import { corpusAvailable, corpusPath } from '../support/paths.js';
import { runNetdissect } from '../support/run-cli.js';

// The CLI leaves out protocols nothing it prints or filters on comes from
// (-T fields, -Y with -T fields, -w), and only then.

afterEach(() => vi.restoreAllMocks());

async function smtpCalls(args: string[]): Promise<{ smtp: number; imf: number; stdout: string }> {
  const smtp = vi.spyOn(smtpDissector, 'dissect');
  const imf = vi.spyOn(imfDissector, 'dissect');
  const r = await runNetdissect(['-r', corpusPath('smtp/smtp.pcap'), ...args]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const counts = { smtp: smtp.mock.calls.length, imf: imf.mock.calls.length, stdout: r.stdout };
  vi.restoreAllMocks();
  return counts;
}

describe.skipIf(!corpusAvailable())('protocols the CLI leaves out', () => {
  it('-T fields of lower layers only: SMTP and IMF are not dissected, and the fields are the same', async () => {
    const lower = await smtpCalls(['-T', 'fields', '-e', 'frame.number', '-e', 'ip.src', '-e', 'tcp.stream']);
    expect(lower.smtp).toBe(0);
    expect(lower.imf).toBe(0);
    // _ws.col.* reads the columns, which every protocol writes: nothing is left out.
    const withColumn = await smtpCalls(['-T', 'fields', '-e', 'frame.number', '-e', 'ip.src', '-e', 'tcp.stream', '-e', '_ws.col.Protocol']);
    expect(withColumn.smtp).toBeGreaterThan(10);
    expect(withColumn.imf).toBeGreaterThan(0);
    const rows = (s: string) => s.trimEnd().split('\n').map((l) => l.split('\t').slice(0, 3).join('\t'));
    expect(rows(lower.stdout)).toEqual(rows(withColumn.stdout));
    expect(withColumn.stdout).toContain('\tSMTP');
  });

  it('an SMTP field keeps SMTP and IMF; statistics or the summary lines keep everything', async () => {
    const smtpField = await smtpCalls(['-T', 'fields', '-e', 'smtp.req.command']);
    expect(smtpField.smtp).toBeGreaterThan(10);
    expect(smtpField.imf).toBeGreaterThan(0);
    expect(smtpField.stdout).toContain('EHLO');
    for (const args of [['-Y', 'ip.src'], ['-q', '-z', 'io,phs'], ['-T', 'fields', '-e', 'ip.src', '-z', 'io,phs']]) {
      const r = await smtpCalls(args);
      expect(r.smtp, args.join(' ')).toBeGreaterThan(10);
      expect(r.imf, args.join(' ')).toBeGreaterThan(0);
    }
  });
});
