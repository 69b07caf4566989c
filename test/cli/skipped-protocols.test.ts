import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { imfDissector, smtpDissector } from '@netdissect/smtp';
import { corpusAvailable, corpusPath, repoRoot } from '../support/paths.js';
import { runNetdissect } from '../support/run-cli.js';

// The CLI leaves out protocols nothing it prints or filters on comes from
// (-T fields, -Y with -T fields, -w), or that no frame -Y shows can hold,
// and only then, in one pass or both of -2.

afterEach(() => vi.restoreAllMocks());
const tmp = mkdtempSync(join(tmpdir(), 'nd-skip-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function smtpCalls(args: string[], capture = corpusPath('smtp/smtp.pcap')): Promise<{ smtp: number; imf: number; stdout: string }> {
  const smtp = vi.spyOn(smtpDissector, 'dissect');
  const imf = vi.spyOn(imfDissector, 'dissect');
  const r = await runNetdissect(['-r', capture, ...args]);
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

  it('tcp.completeness keeps FTP: a data connection it announced is no new conversation at its SYN', async () => {
    const capture = join(repoRoot, 'test/lab-traffic/captures/lab-ftp-passive.pcap');
    const fields = ['-T', 'fields', '-e', 'frame.number', '-e', 'tcp.stream', '-e', 'tcp.completeness'];
    const alone = await runNetdissect(['-r', capture, ...fields]);
    const withFtp = await runNetdissect(['-r', capture, ...fields, '-e', 'ftp.request.command']);
    const rows = (s: string) => s.trimEnd().split('\n').map((l) => l.split('\t').slice(0, 3).join('\t'));
    expect(rows(alone.stdout)).toEqual(rows(withFtp.stdout));
    // The data connections' SYNs: 0 with FTP's announcement, SYN sent (1) without it.
    expect(rows(alone.stdout).filter((r) => /\t[1-9]\d*\t0$/.test(r)).length).toBeGreaterThan(0);
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

  it('-q --export-objects reads only the exported protocol: HTTP objects leave SMTP out, IMF objects keep it', async () => {
    const http = await smtpCalls(['-q', '--export-objects', `http,${join(tmp, 'http')}`]);
    expect(http.smtp).toBe(0);
    expect(http.imf).toBe(0);
    const imf = await smtpCalls(['-q', '--export-objects', `imf,${join(tmp, 'imf')}`]);
    expect(imf.smtp).toBeGreaterThan(10);
    expect(imf.imf).toBeGreaterThan(0);
    expect(readdirSync(join(tmp, 'imf')).length).toBeGreaterThan(0);
  });

  it('-Y that no frame passes without its fields leaves out what no shown frame can hold; a filter passing frames without them, or statistics, keep everything', async () => {
    const mixed = join(repoRoot, 'fixtures/code-cache/mixed-traffic-500.pcap');
    const bench = ['-Y', 'http.request.method == "POST" || dns.flags.rcode != 0'];
    const shown = await smtpCalls(bench, mixed);
    expect(shown.smtp).toBe(0);
    expect(shown.stdout).toContain('POST /login');
    // With statistics every frame is read: SMTP is dissected, and the shown frames are the same.
    const withStats = await smtpCalls([...bench, '-z', 'io,phs'], mixed);
    expect(withStats.smtp).toBeGreaterThan(10);
    expect(withStats.stdout.startsWith(shown.stdout)).toBe(true);
    for (const filter of ['!dns', 'dns || !http', 'smtp.req.command == "MAIL"']) {
      const r = await smtpCalls(['-Y', filter], mixed);
      expect(r.smtp, filter).toBeGreaterThan(10);
    }
  });

  it('statistics that read fields or their own protocol only (conv, endpoints, io,stat, dns and http trees, dig, follow) leave out what -T fields would, with the same tables', async () => {
    const mixed = join(repoRoot, 'fixtures/code-cache/mixed-traffic-500.pcap');
    for (const stat of ['conv,tcp', 'endpoints,ip', 'io,stat,1,SUM(tcp.len)tcp.len', 'dns,tree', 'http,tree', 'http_req,tree', 'dig', 'follow,tcp,ascii,1']) {
      const fieldsOnly = await smtpCalls(['-q', '-z', stat], mixed);
      expect(fieldsOnly.smtp, stat).toBe(0);
      expect(fieldsOnly.imf, stat).toBe(0);
      // io,phs reads every protocol: everything is dissected, and the table (drawn last) is the same.
      const everything = await smtpCalls(['-q', '-z', stat, '-z', 'io,phs'], mixed);
      expect(everything.smtp, stat).toBeGreaterThan(20);
      expect(everything.stdout.endsWith(fieldsOnly.stdout), stat).toBe(true);
      expect(fieldsOnly.stdout.length, stat).toBeGreaterThan(200);
    }
    // A statistic's filter on SMTP keeps it; statistics reading every protocol (expert) or the summary lines keep everything.
    for (const args of [['-q', '-z', 'conv,tcp,smtp'], ['-q', '-z', 'dns,tree,smtp || dns'], ['-q', '-z', 'expert'], ['-z', 'conv,tcp']]) {
      const r = await smtpCalls(args, mixed);
      expect(r.smtp, args.join(' ')).toBeGreaterThan(20);
    }
  });

  it('-2 leaves out the same protocols on both passes, with the same output as a run that keeps them', async () => {
    const mixed = join(repoRoot, 'fixtures/code-cache/mixed-traffic-500.pcap');
    const shown = await smtpCalls(['-2', '-Y', 'http.request.method == "POST" || dns.flags.rcode != 0'], mixed);
    const kept = await smtpCalls(['-2', '-Y', 'http.request.method == "POST" || dns.flags.rcode != 0 || frame.number == 0'], mixed);
    expect(shown.smtp).toBe(0);
    expect(kept.smtp).toBeGreaterThan(20);
    expect(shown.stdout).toContain('POST /login');
    expect(shown.stdout).toBe(kept.stdout);
    const lower = await smtpCalls(['-2', '-T', 'fields', '-e', 'frame.number', '-e', 'tcp.stream', '-e', 'tcp.seq']);
    const all = await smtpCalls(['-2', '-T', 'fields', '-e', 'frame.number', '-e', 'tcp.stream', '-e', 'tcp.seq', '-e', 'smtp.req.command']);
    expect(lower.smtp).toBe(0);
    expect(all.smtp).toBeGreaterThan(20);
    expect(lower.stdout).toBe(all.stdout.replace(/\t[^\t\n]*$/gm, ''));
  });
});
