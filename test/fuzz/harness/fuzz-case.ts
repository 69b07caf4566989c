/**
 * One fuzz case: a window of frames from a seed capture, changed by
 * segment-order, per-frame and file-level mutators, encoded as a capture
 * file. Everything is drawn from Random.derive(seed, index), so a case is
 * rebuilt exactly from those two numbers and the corpus.
 */
import type { RawPacket } from '@netdissect/core';
import { encodeCapture, type CaptureFormat } from './capture-encoding.js';
import { mutateCaptureFile } from './capture-mutator.js';
import type { AppliedMutation, DonorPool } from './mutation.js';
import { mutatePacket } from './packet-mutator.js';
import { Random } from './random.js';
import { mutateSegmentOrder } from './segment-order-mutators.js';
import type { SeedCapture } from './seed-corpus.js';

export interface FuzzCase {
  readonly seed: number;
  readonly index: number;
  /** Seed capture it came from (corpus-relative). */
  readonly source: string;
  readonly format: CaptureFormat;
  /** Frames of the seed taken: [first (0-based), count]; null when the original file was damaged as it is. */
  readonly window: readonly [number, number] | null;
  readonly mutations: readonly AppliedMutation[];
  /** Frames changed, added or moved by the mutations (file damage counts one). */
  readonly mutatedPackets: number;
  readonly bytes: Uint8Array;
}

/** Frames per case by default: enough for handshakes and multi-segment PDUs, few enough to localise a failure. */
export const DEFAULT_MAX_WINDOW = 64;

export async function buildCase(seed: number, index: number, seeds: readonly SeedCapture[], donors: DonorPool, maxWindow = DEFAULT_MAX_WINDOW): Promise<FuzzCase> {
  const rng = Random.derive(seed, index);
  // Round-robin over the seeds: every capture of the corpus is used, in any run of at least that many cases.
  const src = seeds[index % seeds.length]!;
  const base = { seed, index, source: src.name, format: src.format };
  if (src.packets.length === 0 || rng.chance(0.04)) {
    const { bytes, mutation } = mutateCaptureFile(src.file, src.format, rng);
    return { ...base, window: null, mutations: [mutation], mutatedPackets: 1, bytes };
  }

  const count = src.packets.length <= maxWindow ? src.packets.length : rng.between(Math.min(8, maxWindow), maxWindow);
  const start = rng.below(src.packets.length - count + 1);
  const packets: RawPacket[] = src.packets.slice(start, start + count).map((p) => ({ ...p, bytes: p.bytes.slice() }));
  const mutations: AppliedMutation[] = [];
  let moved = 0;

  // Order first, so the frame numbers recorded by the per-frame mutations are final.
  if (rng.chance(0.3)) {
    const m = mutateSegmentOrder(packets, rng);
    if (m) {
      mutations.push({ kind: m.kind, detail: m.detail });
      moved = m.touched;
    }
  }
  // Mostly heavy, sometimes a lone change amid intact context (which reaches deeper protocol state).
  const intensity = rng.pick([0.1, 0.3, 0.6, 1, 1]);
  const changed = new Set<number>();
  const ctx = { rng, donors };
  const mutateFrame = (i: number): void => {
    for (let k = rng.small(3); k > 0; k--) {
      const m = mutatePacket(packets[i]!, ctx);
      if (!m) continue;
      mutations.push({ kind: m.kind, frame: i + 1, detail: m.detail });
      changed.add(i);
    }
  };
  packets.forEach((_p, i) => {
    if (rng.chance(intensity)) mutateFrame(i);
  });
  // A case that drew no change at all would only re-test the seed.
  if (mutations.length === 0) mutateFrame(rng.below(packets.length));
  let bytes = await encodeCapture(packets, src.format);
  if (rng.chance(0.1)) {
    const damaged = mutateCaptureFile(bytes, src.format, rng);
    bytes = damaged.bytes;
    mutations.push(damaged.mutation);
    moved++;
  }
  return { ...base, window: [start, count], mutations, mutatedPackets: Math.min(packets.length, changed.size + moved), bytes };
}
