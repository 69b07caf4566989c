import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { CaptureReader } from '@netdissect/core';
import { corpusAvailable, corpusPath, goldensDir, repoRoot } from '../support/paths.js';
import { runNetdissect } from '../support/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'nd-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function goldenLines(name: string): string[] {
  return readFileSync(join(goldensDir, 'summary', `${name}.txt`), 'utf8').split('\n').filter(Boolean);
}

describe.skipIf(!corpusAvailable())('damaged and odd captures', () => {
  it('a record claiming a 3.9 GB packet: the 18 good packets, then one line naming the file and offset, status 1', async () => {
    const file = corpusPath('malformed/suri-smtp-to-comma.pcap');
    const r = await runNetdissect(['-r', file]);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(goldenLines('malformed__suri-smtp-to-comma.pcap').length);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('suri-smtp-to-comma.pcap');
    expect(r.stderr).toMatch(/byte offset \d+/);
    expect(r.status).toBe(1);
  });

  it.each(['malformed/empty.pcap', 'malformed/empty.pcapng'])('%s: nothing, status 0', async (f) => {
    const r = await runNetdissect(['-r', corpusPath(f)]);
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it.each(['malformed/trunc-hdr.pcap', 'malformed/ip4-trunc.pcap', 'malformed/suri-ipv4-truncated.pcap', 'malformed/dns-invalid-names.pcap'])(
    '%s: frames too short for their headers are shown as far as they go',
    async (f) => {
      const r = await runNetdissect(['-r', corpusPath(f)]);
      expect(r.status).toBe(0);
      expect(r.stdout.split('\n').filter(Boolean)).toEqual(goldenLines(f.replace('/', '__')));
    },
  );

  it('a capture cut in the middle of every record: complete packets first, then the offset, status 1', async () => {
    const data = readFileSync(corpusPath('http/get.pcap'));
    const full = (await runNetdissect(['-r', corpusPath('http/get.pcap')])).stdout.split('\n').filter(Boolean);
    // Record boundaries of a classic pcap: 24-byte header, then 16-byte record headers.
    const ends: number[] = [];
    for (let o = 24; o < data.length; ) {
      const incl = data.readUInt32LE(o + 8);
      ends.push(o + 16 + incl);
      o += 16 + incl;
    }
    let prev = 24;
    for (const [i, end] of ends.entries()) {
      for (const cut of [prev + 5, end - 1]) {
        const path = join(tmp, `cut-${cut}.pcap`);
        writeFileSync(path, data.subarray(0, cut));
        const r = await runNetdissect(['-r', path]);
        expect(r.stdout.split('\n').filter(Boolean), `cut at ${cut}`).toEqual(full.slice(0, i));
        expect(r.stderr.split('\n').filter(Boolean), `cut at ${cut}`).toHaveLength(1);
        expect(r.stderr, `cut at ${cut}`).toMatch(
          new RegExp(`^netdissect: ${JSON.stringify(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is cut short in the middle of a packet at byte offset ${prev}: the (record|packet) needs \\d+ bytes, only \\d+ remain\n$`),
        );
        expect(r.status).toBe(1);
      }
      prev = end;
    }
  });
});

describe('usage errors: one line on stderr, status 2, no stack trace', () => {
  it.each([
    [['-r', '/nonexistent/capture.pcap'], /could not be read/],
    [['--bogus'], /unknown option --bogus/],
    [['-T', 'fields', '-r', 'x'], /-T fields requires at least one -e FIELD/],
    [['-r', 'x', '-e', 'frame.number'], /output fields were specified with -e, but -T fields, json or jsonl was not/],
    [['-r', 'x', '-T', 'text', '-e', 'frame.number'], /output fields were specified with -e/],
    [['-r', 'x', '-T', 'pdml'], /^netdissect: -T pdml is a tshark output format netdissect does not write; use text, fields, json or jsonl\n$/],
    [['-r', 'x', '-T', 'ek', '-e', 'frame.number'], /-T ek is a tshark output format netdissect does not write/],
    [['-r', 'x', '-T', 'xml'], /invalid -T parameter "xml"; it must be one of text, fields, json, jsonl/],
    [['-c', 'ten', '-r', 'x'], /invalid argument for -c/],
    [['-r', 'x', '-T', 'fields', '-e', 'no.such.field'], /Some fields aren't valid: no.such.field|could not be read/],
    [[], /no capture given/],
  ])('%j', async (argv, message) => {
    const r = await runNetdissect(argv as string[]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.skipIf(!corpusAvailable())('an option refused after the capture was opened', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    [['-T', 'fields', '-e', 'no.such.field'], /Some fields aren't valid: no.such.field/, 2],
    [['-Y', 'tcp.port == '], /invalid display filter/, 2],
    // As tshark: a file that cannot be created (its directory does not exist) is the user's to fix.
    [['-w', join(tmp, 'no-such-dir', 'out.pcapng')], /^netdissect: ".*no-such-dir\/out.pcapng" could not be written: ENOENT/, 2],
  ])('%j: one line, and the capture file is closed', async (args, message, status) => {
    const close = vi.spyOn(CaptureReader.prototype, 'close');
    const r = await runNetdissect(['-r', corpusPath('http/get.pcap'), ...(args as string[])]);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.status).toBe(status);
    expect(close).toHaveBeenCalled();
  });
});

describe.skipIf(!corpusAvailable())('the installed command', () => {
  const bin = join(repoRoot, 'packages', 'cli', 'bin', 'netdissect.js');
  it('reads a capture from stdin with -r -', () => {
    const r = spawnSync(process.execPath, [bin, '-r', '-'], { input: readFileSync(corpusPath('http/get.pcap')), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(goldenLines('http__get.pcap'));
  });

  it('sniffs the format by magic, not by extension (pcapng named .pcap)', async () => {
    const r = await runNetdissect(['-r', corpusPath('ip/ipv6_options.pcap'), '-T', 'fields', '-e', 'frame.number']);
    expect(r.stdout.trim().split('\n')).toHaveLength(6);
  });

  it('-c stops after N frames', async () => {
    const r = await runNetdissect(['-r', corpusPath('http/get.pcap'), '-c', '3']);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(goldenLines('http__get.pcap').slice(0, 3));
  });
});
