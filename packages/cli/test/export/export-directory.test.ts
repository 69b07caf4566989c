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
    // 'index(2).html' is also what the third 'index.html' would be called.
    const names = ['index.html', 'index(2).html', 'a.png', 'object12.text/html', 'a:b?.txt', 'no-extension', 'x'.repeat(300) + '.gif'];
    for (let round = 0; round < 20; round++) {
      const a = join(root, `claimed-${round}`);
      const b = join(root, `probed-${round}`);
      mkdirSync(a);
      mkdirSync(b);
      // Files from an earlier export, the same in both.
      for (const n of names) {
        for (const dup of [0, 1, 3]) {
          if (random() < 0.3) {
            writeFileSync(join(a, safeExportName(n, dup)), 'old');
            writeFileSync(join(b, safeExportName(n, dup)), 'old');
          }
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

  it('gives the same names as trying every variant from the first, past the last variant tshark tries', () => {
    const dir = mkdtempSync(join(root, 'many-'));
    const claims = new ExportDirectory(dir);
    const taken = new Set<string>();
    const random = seededRandom(4);
    for (let i = 0; i < 2_500; i++) {
      const name = random() < 0.6 ? '/' : random() < 0.5 ? 'index.html' : `index(${Math.floor(random() * 5)}).html`;
      let dup = 0;
      let file = safeExportName(name, dup);
      while (taken.has(file) && ++dup < 1000) file = safeExportName(name, dup);
      taken.add(file);
      expect(claims.claim(name)).toBe(join(dir, file));
    }
    // More than 1,000 objects named "/": the last variant is written over.
    expect(taken.has(safeExportName('/', 999))).toBe(true);
  });
});
