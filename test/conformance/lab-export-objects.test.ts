import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goldensDir, repoRoot } from '../support/paths.js';
import { runNetdissect } from '../support/run-cli.js';
import { writtenFiles, type WrittenFile } from '../support/written-files.js';

interface RecordedObjects {
  capture: string;
  proto: string;
  objects: WrittenFile[];
}

// What tshark 4.0 wrote with --export-objects for the lab traffic recorded from real servers
// (test/lab-traffic): node scripts/record-goldens.mjs --set lab-objects.
const recordedDir = join(goldensDir, 'lab-objects');
const recorded = readdirSync(recordedDir).filter((f) => f.endsWith('.json')).sort();

const tmp = mkdtempSync(join(tmpdir(), 'nd-lab-eo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('--export-objects on the lab traffic writes the files tshark writes', () => {
  it('has a recording for each protocol the lab exercises', () => {
    expect(new Set(recorded.map((f) => (JSON.parse(readFileSync(join(recordedDir, f), 'utf8')) as RecordedObjects).proto))).toEqual(new Set(['http', 'imf', 'ftp-data']));
  });

  it.each(recorded)('%s', async (file) => {
    const want = JSON.parse(readFileSync(join(recordedDir, file), 'utf8')) as RecordedObjects;
    const out = join(tmp, file);
    const r = await runNetdissect(['-r', join(repoRoot, want.capture), '-q', '--export-objects', `${want.proto},${out}`]);
    expect(r.stderr).toBe('');
    expect(writtenFiles(out)).toEqual(want.objects);
  });
});
