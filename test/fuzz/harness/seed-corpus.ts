/** The seed captures every fuzz case starts from, and the payloads splices borrow. */
import { readFile } from 'node:fs/promises';
import { CaptureFileError, CaptureReader, type RawPacket } from '@netdissect/core';
import type { CaptureFormat } from './capture-encoding.js';
import type { DonorPool } from './mutation.js';
import { locateLayers } from './packet-layout.js';
import type { Random } from './random.js';

export interface SeedCapture {
  /** Path relative to the corpus, as recorded in regression sidecars. */
  readonly name: string;
  /** pcap or pcapng by content (the corpus has pcapng files named .pcap). */
  readonly format: CaptureFormat;
  /** Every record that could be read (a damaged seed gives what precedes the damage). */
  readonly packets: readonly RawPacket[];
  /** The file as it is, for file-level damage to the original structure. */
  readonly file: Uint8Array;
}

export async function loadSeed(path: string, name: string): Promise<SeedCapture> {
  const file = new Uint8Array(await readFile(path));
  const packets: RawPacket[] = [];
  let format: CaptureFormat = 'pcap';
  try {
    const reader = await CaptureReader.open(path);
    format = reader.info.format === 'pcapng' ? 'pcapng' : 'pcap';
    try {
      for await (const p of reader.packets()) packets.push({ ...p, bytes: p.bytes.slice() });
    } finally {
      await reader.close();
    }
  } catch (err) {
    // Damaged and empty seeds are seeds too: they are fuzzed at the file level.
    if (!(err instanceof CaptureFileError)) throw err;
  }
  return { name, format, packets, file };
}

/** Transport payloads of the seeds, sampled so that each capture contributes. */
export class SeedPayloads implements DonorPool {
  private readonly payloads: Uint8Array[] = [];

  constructor(seeds: readonly SeedCapture[], perSeed = 40) {
    for (const s of seeds) {
      const all: Uint8Array[] = [];
      for (const p of s.packets) {
        const pl = locateLayers(p.bytes, p.linktype).payload;
        if (pl && pl.end > pl.offset) all.push(p.bytes.slice(pl.offset, pl.end));
      }
      const step = Math.max(1, Math.floor(all.length / perSeed));
      for (let i = 0; i < all.length; i += step) this.payloads.push(all[i]!);
    }
  }

  payload(rng: Random): Uint8Array | null {
    return this.payloads.length ? rng.pick(this.payloads) : null;
  }
}
