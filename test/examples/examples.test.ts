import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusAvailable, corpusPath, repoRoot } from '../support/paths.js';

// Every program in examples/ is run as a user would run it (tsx), on real captures.
const tmp = mkdtempSync(join(tmpdir(), 'nd-examples-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function runExample(name: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'examples', name), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!corpusAvailable())('examples/', () => {
  it('dns-log.ts writes a Zeek-style dns.log: one row per transaction', () => {
    const r = runExample('dns-log.ts', [corpusPath('dns/dns_udp.pcap')]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('#separator \\x09');
    expect(lines[2]!.split('\t').slice(1, 4)).toEqual(['ts', 'id.orig_h', 'id.orig_p']);
    expect(lines[3]!.split('\t')).toEqual([
      '1591780794.740079', '192.168.1.11', '43966', '209.87.249.18', '53', 'udp', '22836', 'www.tcpdump.org', '1', 'IN', '1', 'A',
      '0', 'No error', 'T', 'F', 'T', 'F', '192.139.46.66,198.199.88.104', '60,60',
    ]);
    expect(lines).toHaveLength(4);
  });

  it('http-requests.ts pairs requests with responses, pipelined ones in order', () => {
    expect(runExample('http-requests.ts', [corpusPath('http/get.pcap')]).stdout).toBe('GET http://bro.org/download/CHANGES.bro-aux.txt -> 200 OK, 4705 bytes (frames 4-9)\n');
    const piped = runExample('http-requests.ts', [corpusPath('http/pipelined-requests.pcap')]).stdout.split('\n');
    expect(piped.slice(0, 2)).toEqual([
      'GET http://www.mozilla.org/style/enhanced.css -> 200 OK, 2675 bytes (frames 4-5)',
      'GET http://www.mozilla.org/script/urchin.js -> 200 OK, 21421 bytes (frames 6-12)',
    ]);
  });

  it('mail-attachments.ts saves the decoded attachment', () => {
    const dir = join(tmp, 'attachments');
    const r = runExample('mail-attachments.ts', [corpusPath('smtp/smtp-zip.pcap'), dir]);
    expect(r.stdout).toBe(`frame 18\tapplication/zip\t310 bytes\ta.zip\n1 attachment saved in ${dir}\n`);
    const zip = readFileSync(join(dir, 'a.zip'));
    expect(zip.length).toBe(310);
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  });

  it('credentials-report.ts lists cleartext logins and whether they worked', () => {
    expect(runExample('credentials-report.ts', [corpusPath('ftp/ipv4.pcap')]).stdout).toBe(
      'frame 9\tFTP USER/PASS\t141.142.220.235 -> 199.233.217.249\tuser "anonymous"\tpassword "test"\taccepted\n1 login sent in the clear (FTP).\n',
    );
    expect(runExample('credentials-report.ts', [join(repoRoot, 'fixtures/lab/smtp-auth-plain.pcap')]).stdout).toContain('SMTP AUTH PLAIN\t10.0.0.1 -> 64.12.168.40\tuser "12345678@aol.com"\tpassword "passwd"\taccepted');
    expect(runExample('credentials-report.ts', [corpusPath('dns/dns_udp.pcap')]).stdout).toBe('No cleartext credentials found.\n');
  });

  it('an example says how to run it when given no arguments (status 2)', () => {
    for (const name of ['mail-attachments.ts', 'live-dns-monitor.ts']) {
      const r = runExample(name, []);
      expect(r.status, name).toBe(2);
      expect(r.stderr, name).toMatch(/^usage: /);
    }
  });
});

const isRoot = process.getuid?.() === 0;
let capBuilt = false;
try {
  await import('cap');
  capBuilt = true;
} catch {
  // Without the native module the live example cannot run; the skip below says so.
}

describe.skipIf(!isRoot || !capBuilt)('examples/live-dns-monitor.ts (root and the cap module)', () => {
  it('prints the DNS queries sent on the loopback interface', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'examples', 'live-dns-monitor.ts'), 'lo', '2'], { cwd: repoRoot });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Wait until it listens, then query (port 53 on loopback: nothing needs to answer).
    while (!err.includes('watching DNS on lo')) await new Promise((r) => setTimeout(r, 100));
    const query = Buffer.from('abcd01000001000000000000076578616d706c6503636f6d0000010001', 'hex');
    const sock = createSocket('udp4');
    const sender = setInterval(() => sock.send(query, 53, '127.0.0.1'), 300);
    const status = await exited;
    clearInterval(sender);
    sock.close();
    expect(status).toBe(0);
    expect(out.trim().split('\n')).toEqual(['127.0.0.1 asks 127.0.0.1: example.com A', '127.0.0.1 asks 127.0.0.1: example.com A']);
  }, 120_000);
});
