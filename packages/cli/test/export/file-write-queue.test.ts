import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureReader, DissectionSession, dissectCapture } from '@netdissect/core';
import '@netdissect/http';
import { FileWriteQueue } from '../../src/export/file-write-queue.js';
import { ExportObjectsWriter } from '../../src/export/export-objects-writer.js';
import { UsageError } from '../../src/usage-error.js';
import { corpusAvailable, corpusPath } from '../../../../test/support/paths.js';

const root = mkdtempSync(join(tmpdir(), 'nd-write-queue-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('FileWriteQueue', () => {
  it('writes every file, and repeated writes to one path in the order given (the last wins)', async () => {
    const dir = join(root, 'order');
    mkdirSync(dir);
    const q = new FileWriteQueue(3);
    for (let i = 0; i < 200; i++) {
      q.write(join(dir, `f${i % 7}`), new TextEncoder().encode(`write ${i}`));
      q.write(join(dir, `g${i}`), new Uint8Array([i & 255]));
    }
    expect(q.backlog).toBeGreaterThan(3);
    await q.settled();
    expect(q.backlog).toBe(0);
    // The last of the writes to f<k> is the highest i with i % 7 === k.
    for (let k = 0; k < 7; k++) {
      const last = 199 - ((199 - k) % 7);
      expect(readFileSync(join(dir, `f${k}`), 'utf8')).toBe(`write ${last}`);
    }
    for (let i = 0; i < 200; i++) expect(readFileSync(join(dir, `g${i}`))[0]).toBe(i & 255);
  });

  it('drain waits until the backlog is down to the bound', async () => {
    const dir = join(root, 'drain');
    mkdirSync(dir);
    const q = new FileWriteQueue(2);
    for (let i = 0; i < 50; i++) q.write(join(dir, `f${i}`), new Uint8Array(1000));
    await q.drain(10);
    expect(q.backlog).toBeLessThanOrEqual(10);
    await q.settled();
  });

  it('reports the first failure once everything else is written', async () => {
    const dir = join(root, 'fail');
    mkdirSync(dir);
    const q = new FileWriteQueue();
    q.write(join(dir, 'missing', 'x'), new Uint8Array(1));
    q.write(join(dir, 'ok'), new Uint8Array(1));
    await expect(q.settled()).rejects.toThrow(/ENOENT/);
    expect(existsSync(join(dir, 'ok'))).toBe(true);
  });
});

describe.skipIf(!corpusAvailable())('ExportObjectsWriter', () => {
  it('writes an HTTP object while the capture is still being dissected, not only at the end', async () => {
    const dir = join(root, 'http-early');
    const session = new DissectionSession();
    const writer = new ExportObjectsWriter({ protocol: 'http', dir }, session);
    const reader = await CaptureReader.open(corpusPath('http/get.pcap'));
    try {
      await dissectCapture(reader, session, { tree: null }, () => undefined);
    } finally {
      await reader.close();
    }
    // Before finish: the object's file is written in the background once the object completed.
    const deadline = Date.now() + 5000;
    const files = (): string[] => (existsSync(dir) ? readdirSync(dir) : []);
    while (files().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(files().length).toBeGreaterThan(0);
    expect(await writer.finish()).toBeGreaterThan(0);
  });

  it('reports a destination that cannot be made as a usage error from finish, after dissection', async () => {
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const session = new DissectionSession();
    const writer = new ExportObjectsWriter({ protocol: 'http', dir: join(blocker, 'sub') }, session);
    const reader = await CaptureReader.open(corpusPath('http/get.pcap'));
    try {
      await dissectCapture(reader, session, { tree: null }, () => undefined);
    } finally {
      await reader.close();
    }
    const failure = await writer.finish().then(() => null, (e: unknown) => e);
    expect(failure).toBeInstanceOf(UsageError);
    expect((failure as Error).message).toMatch(/^Failed to create export objects output directory ".*sub": ENOTDIR/);
  });
});
