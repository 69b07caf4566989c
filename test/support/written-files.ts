import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A file --export-objects wrote, as the goldens record it. */
export interface WrittenFile {
  name: string;
  size: number;
  sha256: string;
}

/** The files in `dir` by name, with size and SHA-256 (none when it does not exist). */
export function writtenFiles(dir: string): WrittenFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name));
      return { name, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
}
