// Shared helpers for the capture tests: where the corpus is, what tshark said
// about each file (recorded by record-expected.mjs), and packet snapshots.
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawPacket } from '../../src/capture/raw-packet.js';
import { CaptureReader, type CaptureReaderOptions } from '../../src/capture/capture-reader.js';
import type { CaptureInput } from '../../src/capture/byte-source.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root (/work/main in the project's layout). */
export const repoRoot = resolve(here, '../../../..');
/** The shared capture corpus, `../shared/captures` relative to the repo root. */
export const capturesDir = resolve(repoRoot, '../shared/captures');

export function capturePath(rel: string): string {
  return join(capturesDir, rel);
}

/** [frame number, time_epoch as tshark prints it, len, caplen, interface id | null, comments | null] */
export type ExpectedPacket = [number, string, number, number, number | null, string[] | null];

export interface ExpectedCapture {
  capture: string;
  tshark: string;
  exitStatus: number;
  error: string | null;
  packets: ExpectedPacket[];
}

export function loadExpected(): ExpectedCapture[] {
  const dir = join(here, 'expected');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as ExpectedCapture);
}

/** A RawPacket with its bytes copied, safe to keep after the batch. */
export interface PacketSnapshot extends Omit<RawPacket, 'bytes'> {
  bytes: Uint8Array;
}

export function snapshot(p: RawPacket): PacketSnapshot {
  const s: PacketSnapshot = {
    no: p.no,
    tsSec: p.tsSec,
    tsNsec: p.tsNsec,
    tsPrecision: p.tsPrecision,
    caplen: p.caplen,
    len: p.len,
    linktype: p.linktype,
    interfaceId: p.interfaceId,
    bytes: p.bytes.slice(),
    dataOffset: p.dataOffset,
  };
  if (p.comments !== undefined) s.comments = [...p.comments];
  if (p.hasTimestamp !== undefined) s.hasTimestamp = p.hasTimestamp;
  if (p.custom !== undefined) s.custom = { ...p.custom };
  if (p.packFlags !== undefined) s.packFlags = p.packFlags;
  if (p.fcsLen !== undefined) s.fcsLen = p.fcsLen;
  if (p.dropCount !== undefined) s.dropCount = p.dropCount;
  if (p.packetId !== undefined) s.packetId = p.packetId;
  if (p.interfaceQueue !== undefined) s.interfaceQueue = p.interfaceQueue;
  return s;
}

export interface ReadResult {
  reader: CaptureReader;
  packets: PacketSnapshot[];
  error: unknown;
}

/** Read a whole capture, keeping copies of the packets and the error that ended it, if any. */
export async function readAll(input: CaptureInput, opts?: CaptureReaderOptions): Promise<ReadResult> {
  const reader = await CaptureReader.open(input, opts);
  const packets: PacketSnapshot[] = [];
  let error: unknown;
  try {
    for await (const batch of reader.batches()) {
      for (const p of batch) {
        if (p.bytes.length !== p.caplen) throw new Error(`frame ${p.no}: bytes.length ${p.bytes.length} != caplen ${p.caplen}`);
        packets.push(snapshot(p));
      }
    }
  } catch (err) {
    error = err;
  }
  return { reader, packets, error };
}

/** tshark's frame.time_epoch rendering: seconds, '.', nine digits. */
export function epochString(tsSec: number, tsNsec: number): string {
  return `${tsSec}.${String(tsNsec).padStart(9, '0')}`;
}

/**
 * Packets as comparable rows: metadata as is, bytes as a hex digest-free
 * fingerprint (length + Buffer equality is checked separately, because deep
 * equality over typed arrays is slow on big captures).
 */
export function expectSamePackets(
  actual: PacketSnapshot[],
  expected: PacketSnapshot[],
  opts: { ignore?: (keyof PacketSnapshot)[]; label?: string } = {},
): void {
  const ignore = new Set<string>(['bytes', ...(opts.ignore ?? [])]);
  const meta = (p: PacketSnapshot) => Object.fromEntries(Object.entries(p).filter(([k, v]) => !ignore.has(k) && v !== undefined));
  expect(actual.map(meta), opts.label).toEqual(expected.map(meta));
  for (let i = 0; i < actual.length; i++) {
    if (!Buffer.from(actual[i]!.bytes).equals(Buffer.from(expected[i]!.bytes))) {
      expect.fail(`${opts.label ?? ''} packet ${i + 1}: bytes differ`);
    }
  }
}
