/** Crafted frames written to a temporary capture file with the core's PcapWriter, for the CLI to read. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PcapWriter, type RawPacket } from '@netdissect/core';
import { packets } from '../../support/frame-builders.js';

let dir: string | undefined;

/** Deletes the directory the captures were written to (a test file's afterAll, or the end of a script). */
export function removeCaptureFiles(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

export async function writeCapture(name: string, frames: readonly Uint8Array[] | readonly RawPacket[]): Promise<string> {
  dir ??= mkdtempSync(join(tmpdir(), 'netdissect-robustness-'));
  const path = join(dir, name);
  const raw = frames.length && frames[0] instanceof Uint8Array ? packets(frames as Uint8Array[]) : (frames as RawPacket[]);
  const w = await PcapWriter.open(path);
  await w.writeBatch(raw);
  await w.close();
  return path;
}
