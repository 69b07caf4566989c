import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusAvailable, corpusPath, goldensDir } from '../support/paths.js';
import { runNetdissect } from '../support/run-cli.js';
import { writtenFiles, type WrittenFile } from '../support/written-files.js';

interface RecordedObjects {
  capture: string;
  objects: WrittenFile[];
}

// What tshark 4.0 wrote with --export-objects PROTO,DIR, recorded per capture.
const SETS = [
  ['http', 'http-objects'],
  ['imf', 'imf-objects'],
  ['ftp-data', 'ftp-objects'],
] as const;

const tmp = mkdtempSync(join(tmpdir(), 'nd-eo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!corpusAvailable())('--export-objects writes the files tshark writes', () => {
  for (const [proto, golden] of SETS) {
    const dir = join(goldensDir, golden);
    const cases = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
    it.each(cases)(`${proto}: %s`, async (file) => {
      const want = JSON.parse(readFileSync(join(dir, file), 'utf8')) as RecordedObjects;
      const out = join(tmp, `${proto}-${file}`);
      const r = await runNetdissect(['-r', corpusPath(want.capture), '-q', '--export-objects', `${proto},${out}`]);
      expect(r.stderr).toBe('');
      expect(writtenFiles(out)).toEqual(want.objects);
    });
  }

  it('two requests into one directory: the first names its files as alone, the second after them', async () => {
    const want = JSON.parse(readFileSync(join(goldensDir, 'http-objects', 'http__http-packets2.pcap.json'), 'utf8')) as RecordedObjects;
    const out = join(tmp, 'http-twice');
    const r = await runNetdissect(['-r', corpusPath(want.capture), '-q', '--export-objects', `http,${out}`, '--export-objects', `http,${out}`]);
    expect(r.stderr).toBe('');
    const files = writtenFiles(out);
    // tshark's files of one request, untouched, and every object once more under a de-duplicated name.
    const byName = new Map(files.map((f) => [f.name, f]));
    for (const o of want.objects) expect(byName.get(o.name)).toEqual(o);
    expect(files).toHaveLength(2 * want.objects.length);
    const count = (list: WrittenFile[]) => list.reduce((m, f) => m.set(f.sha256, (m.get(f.sha256) ?? 0) + 1), new Map<string, number>());
    const twice = new Map([...count(want.objects)].map(([h, n]) => [h, 2 * n]));
    expect(count(files)).toEqual(twice);
  });

  it('names an unknown protocol and lists the known ones, status 2', async () => {
    const r = await runNetdissect(['-r', corpusPath('http/get.pcap'), '--export-objects', 'gopher,/tmp/x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/"gopher" isn't a valid --export-objects protocol; use one of: .*ftp-data.*http.*imf/);
  });
});
