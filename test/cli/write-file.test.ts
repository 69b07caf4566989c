import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaptureReader, type RawPacket } from '@netdissect/core';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusAvailable, corpusPath } from '../support/paths.js';
import { runNetdissect } from '../support/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'nd-write-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function packets(path: string): Promise<RawPacket[]> {
  const out: RawPacket[] = [];
  for await (const p of (await CaptureReader.open(path)).packets()) out.push({ ...p, bytes: p.bytes.slice() });
  return out;
}

describe.skipIf(!corpusAvailable())('-w writes the frames that pass -Y', () => {
  it.each([
    ['pcapng', [0x0a, 0x0d, 0x0d, 0x0a]],
    ['pcap', [0xd4, 0xc3, 0xb2, 0xa1]],
  ] as const)('-F %s: the selected frames, byte for byte, with their timestamps', async (format, magic) => {
    const src = corpusPath('smtp/smtp.pcap');
    const out = join(tmp, `mail.${format}`);
    const r = await runNetdissect(['-r', src, '-Y', 'smtp.req.command == "MAIL" || imf', '-w', out, '-F', format]);
    expect(r).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect([...readFileSync(out).subarray(0, 4)]).toEqual(magic);
    const chosen = (await runNetdissect(['-r', src, '-Y', 'smtp.req.command == "MAIL" || imf', '-T', 'fields', '-e', 'frame.number'])).stdout.trim().split('\n').map(Number);
    expect(chosen.length).toBeGreaterThan(0);
    const all = await packets(src);
    const written = await packets(out);
    expect(written.map((p) => Buffer.from(p.bytes).toString('hex'))).toEqual(chosen.map((n) => Buffer.from(all[n - 1]!.bytes).toString('hex')));
    expect(written.map((p) => [p.tsSec, p.tsNsec, p.len])).toEqual(chosen.map((n) => [all[n - 1]!.tsSec, all[n - 1]!.tsNsec, all[n - 1]!.len]));
  });

  it('prints nothing per packet unless asked (-P), as tshark', async () => {
    const r = await runNetdissect(['-r', corpusPath('http/get.pcap'), '-w', join(tmp, 'all.pcapng'), '-P', '-c', '2']);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect((await packets(join(tmp, 'all.pcapng'))).length).toBe(2);
  });
});
