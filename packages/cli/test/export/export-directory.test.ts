import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportDirectory, safeExportName } from '../../src/export/export-file-names.js';
import { seededRandom } from '../../../../test/support/seeded-random.js';

const root = mkdtempSync(join(tmpdir(), 'nd-export-dir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** tshark's way: ask the file system about each "(n)" variant. */
function probedPath(dir: string, name: string): string {
  let dup = 0;
  let path = join(dir, safeExportName(name, dup));
  while (existsSync(path) && ++dup < 1000) path = join(dir, safeExportName(name, dup));
  return path;
}

describe('ExportDirectory', () => {
  it('names each object as probing the file system would, with files already there and repeated names', () => {
    const random = seededRandom(3);
    const names = ['index.html', 'a.png', 'object12.text/html', 'a:b?.txt', 'no-extension', 'x'.repeat(300) + '.gif'];
    for (let round = 0; round < 20; round++) {
      const a = join(root, `claimed-${round}`);
      const b = join(root, `probed-${round}`);
      mkdirSync(a);
      mkdirSync(b);
      // Files from an earlier export, the same in both.
      for (const n of names) {
        if (random() < 0.3) {
          writeFileSync(join(a, safeExportName(n, 0)), 'old');
          writeFileSync(join(b, safeExportName(n, 0)), 'old');
        }
      }
      const dir = new ExportDirectory(a);
      for (let i = 0; i < 30; i++) {
        const n = names[Math.floor(random() * names.length)]!;
        const claimed = dir.claim(n);
        const probed = probedPath(b, n);
        expect(claimed.slice(a.length)).toBe(probed.slice(b.length));
        writeFileSync(claimed, String(i));
        writeFileSync(probed, String(i));
      }
      expect(readdirSync(a).sort()).toEqual(readdirSync(b).sort());
    }
  });
});
