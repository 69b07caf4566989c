/** Crafted frames written to a temporary capture file with the core's PcapWriter, for the CLI to read. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PcapWriter, type RawPacket } from '@netdissect/core';
import { packets } from '../../support/frame-builders.js';

const dir = mkdtempSync(join(tmpdir(), 'netdissect-robustness-'));

export async function writeCapture(name: string, frames: readonly Uint8Array[] | readonly RawPacket[]): Promise<string> {
  const path = join(dir, name);
  const raw = frames.length && frames[0] instanceof Uint8Array ? packets(frames as Uint8Array[]) : (frames as RawPacket[]);
  const w = await PcapWriter.open(path);
  await w.writeBatch(raw);
  await w.close();
  return path;
}
