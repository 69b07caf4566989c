import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusAvailable, corpusPath, goldensDir } from '../support/paths.js';
import { runNetdissect } from '../support/run-cli.js';

interface RecordedObjects {
  capture: string;
  objects: { name: string; size: number; sha256: string }[];
}

// What tshark 4.0 wrote with --export-objects PROTO,DIR, recorded per capture.
const SETS = [
  ['http', 'http-objects'],
  ['imf', 'imf-objects'],
  ['ftp-data', 'ftp-objects'],
] as const;

const tmp = mkdtempSync(join(tmpdir(), 'nd-eo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function listing(dir: string): RecordedObjects['objects'] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name));
      return { name, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
}

describe.skipIf(!corpusAvailable())('--export-objects writes the files tshark writes', () => {
  for (const [proto, golden] of SETS) {
    const dir = join(goldensDir, golden);
    const cases = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
    it.each(cases)(`${proto}: %s`, async (file) => {
      const want = JSON.parse(readFileSync(join(dir, file), 'utf8')) as RecordedObjects;
      const out = join(tmp, `${proto}-${file}`);
      const r = await runNetdissect(['-r', corpusPath(want.capture), '-q', '--export-objects', `${proto},${out}`]);
      expect(r.stderr).toBe('');
      expect(listing(out)).toEqual(want.objects);
    });
  }

  it('names an unknown protocol and lists the known ones, status 2', async () => {
    const r = await runNetdissect(['-r', corpusPath('http/get.pcap'), '--export-objects', 'gopher,/tmp/x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/"gopher" isn't a valid --export-objects protocol; use one of: .*ftp-data.*http.*imf/);
  });
});
