import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaptureReader, type RawPacket } from '@netdissect/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { runNetdissect } from '../support/run-cli.js';
import { ChildOutput } from './support/child-output.js';
import { LabNetwork, SERVER_ADDRESS } from './support/lab-network.js';
import { netdissectBin, reportSkip, whyLiveCaptureTestsCannotRun } from './support/live-test-environment.js';

const support = join(repoRoot, 'test', 'live', 'support');
const NAMES = ['alpha.lab.test', 'beta.lab.test'];
const URIS = ['/lab/one.txt', '/lab/two.txt'];
const HTTP_PORT = '8080';
const LAB_FILTER = `udp port 53 or tcp port ${HTTP_PORT}`;

function whyNot(): string | null {
  const reason = whyLiveCaptureTestsCannotRun();
  if (reason) return reason;
  return spawnSync('python3', ['--version']).status === 0 ? null : 'python3 (for http.server) is missing';
}

const skip = reportSkip('live capture on a veth pair', whyNot());

describe.skipIf(skip)('live capture on a veth pair between two namespaces', () => {
  const lab = new LabNetwork();
  let tmp = '';

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'nd-live-'));
    lab.create();
    const site = join(tmp, 'site');
    mkdirSync(join(site, 'lab'), { recursive: true });
    writeFileSync(join(site, 'lab', 'one.txt'), 'first page\n');
    writeFileSync(join(site, 'lab', 'two.txt'), 'second page\n');
    const dns = new ChildOutput(lab.spawnIn(lab.serverNs, process.execPath, [join(support, 'dns-responder.mjs'), SERVER_ADDRESS, '53']));
    const http = new ChildOutput(
      lab.spawnIn(lab.serverNs, 'python3', ['-u', '-m', 'http.server', HTTP_PORT, '--bind', SERVER_ADDRESS, '--directory', site]),
    );
    await dns.waitFor('the DNS responder', (o) => o.stdout.includes('ready'));
    await http.waitFor('the HTTP server', (o) => o.stdout.includes('Serving HTTP'));
  });

  afterAll(() => {
    lab.destroy();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** netdissect in the client namespace, started and ready to capture. */
  async function startNetdissect(args: string[]): Promise<ChildOutput> {
    const nd = new ChildOutput(lab.spawnIn(lab.clientNs, process.execPath, [netdissectBin, '-i', lab.clientIf, ...args]));
    await nd.waitFor('"Capturing on"', (o) => o.stderr.includes(`Capturing on '${lab.clientIf}'\n`));
    return nd;
  }

  /** The student's DNS lookups and page fetches, until stop() closes its stdin. */
  function startClient(): { stop: () => Promise<void> } {
    const client = new ChildOutput(
      lab.spawnIn(lab.clientNs, process.execPath, [join(support, 'lab-client.mjs'), SERVER_ADDRESS, HTTP_PORT, NAMES.join(','), URIS.join(',')]),
    );
    return {
      stop: async () => {
        client.child.stdin!.end();
        await client.exited();
      },
    };
  }

  function fieldRows(stdout: string): string[][] {
    return stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split('\t'));
  }

  /** The rows of -e dns.qry.name -e http.request.uri hold only the lab's names and URIs, starting with the first round's. */
  function expectLabFields(rows: string[][]): void {
    for (const [name, uri] of rows) {
      if (name) expect(NAMES).toContain(name);
      if (uri) expect(URIS).toContain(uri);
    }
    // The first round: a query and its response for the first name, then the first page.
    expect(rows.map((r) => r[0]).filter(Boolean).slice(0, 2)).toEqual([NAMES[0], NAMES[0]]);
    expect(rows.map((r) => r[1]).find(Boolean)).toBe(URIS[0]);
  }

  it('-c 20 -T fields: the DNS names and HTTP URIs the client asked for, then the summary', async () => {
    const nd = await startNetdissect(['-c', '20', '-f', LAB_FILTER, '-T', 'fields', '-e', 'dns.qry.name', '-e', 'http.request.uri']);
    const client = startClient();
    const exit = await nd.exited();
    await client.stop();
    expect(exit.code).toBe(0);
    const rows = fieldRows(nd.stdout);
    expect(rows).toHaveLength(20);
    expectLabFields(rows);
    expect(nd.stderr).toBe(`Capturing on '${lab.clientIf}'\n20 packets captured\n`);
  });

  it('-w: the file holds exactly the frames shown, and reads back the same', async () => {
    const file = join(tmp, 'lab.pcapng');
    const before = Date.now();
    const nd = await startNetdissect(['-c', '24', '-f', LAB_FILTER, '-w', file, '-T', 'fields', '-e', 'dns.qry.name', '-e', 'http.request.uri']);
    const client = startClient();
    const exit = await nd.exited();
    await client.stop();
    const after = Date.now();
    expect(exit.code).toBe(0);
    expectLabFields(fieldRows(nd.stdout));

    const reader = await CaptureReader.open(file);
    const packets: RawPacket[] = [];
    for await (const batch of reader.batches()) for (const p of batch) packets.push({ ...p, bytes: p.bytes.slice() });
    await reader.close();
    expect(packets).toHaveLength(24);
    let previous = 0;
    for (const p of packets) {
      expect(p.linktype).toBe(1);
      expect(p.caplen).toBe(p.bytes.length);
      const ms = p.tsSec * 1000 + p.tsNsec / 1e6;
      expect(ms).toBeGreaterThanOrEqual(previous);
      // Stamped from the wall clock at open (to the millisecond) plus a monotonic clock.
      expect(ms).toBeGreaterThanOrEqual(before - 1);
      expect(ms).toBeLessThanOrEqual(after + 1);
      previous = ms;
    }
    const reread = await runNetdissect(['-r', file, '-T', 'fields', '-e', 'dns.qry.name', '-e', 'http.request.uri']);
    expect(reread.status).toBe(0);
    expect(reread.stdout).toBe(nd.stdout);
  });

  it('-f: the capture filter is applied by libpcap (only DNS while HTTP is also going on)', async () => {
    const nd = await startNetdissect(['-c', '8', '-f', 'udp port 53', '-T', 'fields', '-e', 'udp.srcport', '-e', 'udp.dstport', '-e', 'dns.qry.name', '-e', 'tcp.port']);
    const client = startClient();
    const exit = await nd.exited();
    await client.stop();
    expect(exit.code).toBe(0);
    const rows = fieldRows(nd.stdout);
    expect(rows).toHaveLength(8);
    for (const [src, dst, name, tcp] of rows) {
      expect([src, dst]).toContain('53');
      expect(NAMES).toContain(name);
      expect(tcp ?? '').toBe('');
    }
    // Each of the first two names asked once, query then response.
    expect(rows.slice(0, 4).map((r) => r[2])).toEqual([NAMES[0], NAMES[0], NAMES[1], NAMES[1]]);
  });

  it('Ctrl-C: stops cleanly, the -w file is complete, statistics and the summary are printed', async () => {
    const file = join(tmp, 'interrupted.pcapng');
    const nd = await startNetdissect(['-f', LAB_FILTER, '-w', file, '-T', 'fields', '-e', 'frame.number', '-e', 'dns.qry.name', '-z', 'io,phs']);
    const client = startClient();
    // Live output is flushed batch by batch, so frames show up while capturing.
    await nd.waitFor('a few frames', (o) => fieldRows(o.stdout).length >= 6);
    nd.child.kill('SIGINT');
    const exit = await nd.exited();
    await client.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    const frames = nd.stdout.split('\n').filter((l) => /^\d+\t/.test(l));
    expect(frames.map((l) => Number(l.split('\t')[0]))).toEqual(frames.map((_, i) => i + 1));
    expect(nd.stdout).toContain('Protocol Hierarchy Statistics');
    expect(nd.stderr).toBe(`Capturing on '${lab.clientIf}'\n${frames.length} packets captured\n`);
    const reader = await CaptureReader.open(file);
    let count = 0;
    for await (const batch of reader.batches()) count += batch.length;
    await reader.close();
    expect(count).toBe(frames.length);
  });

  it('-a duration:1 stops an idle capture by itself', async () => {
    const started = Date.now();
    const nd = await startNetdissect(['-a', 'duration:1', '-f', 'udp port 9']);
    const exit = await nd.exited();
    expect(exit.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(nd.stdout).toBe('');
    expect(nd.stderr).toBe(`Capturing on '${lab.clientIf}'\n0 packets captured\n`);
  });

  it('back-pressure: past the queue bound packets are counted as dropped, memory stays bounded', async () => {
    const script = new ChildOutput(lab.spawnIn(lab.clientNs, process.execPath, [join(support, 'queue-overflow.mjs'), lab.clientIf, SERVER_ADDRESS]));
    const exit = await script.exited();
    expect(script.stderr).toBe('');
    expect(exit.code).toBe(0);
    const result = JSON.parse(script.stdout) as {
      afterBurst: { captured: number; delivered: number; queued: number; droppedByNetdissect: number };
      final: { captured: number; delivered: number; queued: number; droppedByNetdissect: number; droppedByKernel: null };
      frames: { no: number; payload: string }[];
    };
    expect(result.afterBurst).toMatchObject({ captured: 50, delivered: 0, queued: 10, droppedByNetdissect: 40 });
    expect(result.final).toMatchObject({ captured: 50, delivered: 10, queued: 0, droppedByNetdissect: 40, droppedByKernel: null });
    // The oldest packets are kept, numbered without gaps.
    expect(result.frames).toEqual(Array.from({ length: 10 }, (_, i) => ({ no: i + 1, payload: `packet ${i}` })));
  });

  it('the written file is a valid pcapng even when nothing was captured', async () => {
    const file = join(tmp, 'empty.pcapng');
    const nd = await startNetdissect(['-a', 'duration:1', '-f', 'udp port 9', '-w', file]);
    expect((await nd.exited()).code).toBe(0);
    expect(statSync(file).size).toBeGreaterThan(0);
    const reread = await runNetdissect(['-r', file]);
    expect(reread).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});
