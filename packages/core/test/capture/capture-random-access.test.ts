// CaptureFile re-reads frames through a few read-ahead blocks: whatever order
// the reads come in, each must return exactly the file's bytes, as a copy.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureFile } from '../../src/capture/capture-random-access.js';
import { CaptureFileError } from '../../src/capture/capture-error.js';

const tmp = mkdtempSync(join(tmpdir(), 'netdissect-random-access-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A file of `size` bytes where every byte says where it is. */
function patternFile(name: string, size: number): { path: string; bytes: Uint8Array } {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 131 + (i >>> 9)) & 255;
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  return { path, bytes };
}

/** A deterministic stream of numbers in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('CaptureFile.read', () => {
  const { path, bytes } = patternFile('pattern.bin', 3 * 1024 * 1024 + 777);

  it('gives the file\'s bytes (read and view) for reads in order, backwards, scattered, across blocks and bigger than a block', () => {
    const file = CaptureFile.open(path);
    try {
      const reads: Array<[number, number]> = [];
      for (let off = 0; off + 1500 <= bytes.length; off += 1500) reads.push([off, 1500]);
      for (let off = bytes.length - 1600; off >= 0; off -= 99_991) reads.push([off, 1600]);
      const next = lcg(7);
      for (let i = 0; i < 2000; i++) {
        const len = Math.floor(next() * 9000);
        reads.push([Math.floor(next() * (bytes.length - len)), len]);
      }
      reads.push([0, 700 * 1024], [1024 * 1024 - 3, 600 * 1024], [bytes.length - 10, 10], [bytes.length, 0]);
      for (const [off, len] of reads) {
        const want = bytes.subarray(off, off + len);
        if (Buffer.compare(file.read(off, len), want) !== 0) expect.fail(`read(${off}, ${len}) differs from the file`);
        if (Buffer.compare(file.view(off, len), want) !== 0) expect.fail(`view(${off}, ${len}) differs from the file`);
      }
    } finally {
      file.close();
    }
  });

  it('returns a copy: changing it does not change a later read, and later reads do not change it', () => {
    const file = CaptureFile.open(path);
    try {
      const first = file.read(4096, 64);
      first.fill(0);
      expect(Buffer.compare(file.read(4096, 64), bytes.subarray(4096, 4160))).toBe(0);
      // Nor do reads elsewhere, which reuse the blocks' buffers.
      const kept = file.read(8192, 64);
      for (let i = 1; i <= 10; i++) file.view(i * 300_000, 1000);
      expect(Buffer.compare(kept, bytes.subarray(8192, 8256))).toBe(0);
    } finally {
      file.close();
    }
  });

  it('says the file is truncated when a frame runs past its end, from a block read before or not', () => {
    const file = CaptureFile.open(path);
    try {
      expect(() => file.read(bytes.length - 100, 200)).toThrow(CaptureFileError);
      // The block holding the end of the file is cached now: still an error, not a short copy.
      expect(() => file.read(bytes.length - 50, 51)).toThrow(/the frame needs 51 bytes, the file ends after 50/);
      expect(() => file.read(bytes.length - 1, 2 * 1024 * 1024)).toThrow(/file ends after 1$/);
    } finally {
      file.close();
    }
  });

  it('reads bytes appended after it was opened', () => {
    const grown = patternFile('grown.bin', 10_000);
    const file = CaptureFile.open(grown.path);
    try {
      expect(file.read(9000, 1000)).toEqual(grown.bytes.subarray(9000));
      appendFileSync(grown.path, new Uint8Array(500).fill(0xab));
      expect(file.read(9900, 600)).toEqual(Uint8Array.from([...grown.bytes.subarray(9900), ...new Uint8Array(500).fill(0xab)]));
    } finally {
      file.close();
    }
  });

  it('refuses reads once closed', () => {
    const file = CaptureFile.open(path);
    file.read(0, 10);
    file.close();
    expect(() => file.read(0, 10)).toThrow(/closed/);
  });
});
