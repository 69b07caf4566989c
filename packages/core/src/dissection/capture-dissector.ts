import type { PacketSource } from '../capture/packet-source.js';
import type { RawPacket } from '../capture/raw-packet.js';
import type { TreeContext } from '../fields/field-node.js';
import type { PacketInfo } from './packet-info.js';
import { PagedColumn } from './paged-column.js';
import { secondPassFrames } from './second-pass-frames.js';
import type { DissectedFrame, DissectionSession } from './session.js';

export interface CaptureDissectOptions {
  /** Tree to build per frame (null: columns and state only). */
  tree: TreeContext | null;
  /**
   * Two passes (tshark -2): the first builds all cross-frame state, the
   * second dissects every frame again with knowledge of later frames
   * (response_in, reassembled_in on earlier segments...).
   */
  twoPass?: boolean;
  /** Stop after this many frames (-c). */
  maxFrames?: number;
  /**
   * Two passes only: whether the second pass needs the frame the first pass
   * left as `pinfo` (dissected without a tree). A frame it does not need is
   * neither dissected again nor handed to onFrame: -2 -Y leaves out frames
   * that cannot pass the filter (layersHoldingFields).
   */
  secondPassNeeds?: (pinfo: PacketInfo) => boolean;
  /** Called between the passes (attach taps that should see only the final pass). */
  beforeSecondPass?: () => void;
  /** Awaited after each batch of delivered frames (write them out while their bytes are valid). */
  afterBatch?: () => Promise<void>;
}

/**
 * Drive a session over a capture: each frame is dissected and handed to
 * `onFrame` while its bytes are still valid. Returns the number of frames.
 * A CaptureFileError from the reader propagates after every complete
 * frame was delivered.
 */
export async function dissectCapture(
  reader: PacketSource,
  session: DissectionSession,
  opts: CaptureDissectOptions,
  onFrame: (frame: DissectedFrame, raw: RawPacket) => void | boolean,
): Promise<number> {
  const max = opts.maxFrames ?? Infinity;
  if (!opts.twoPass) return deliver(reader.batches(), session, opts, false, max, onFrame);
  session.keepHistory = true;
  const frames = secondPassFrames(reader);
  // The frames can be had again: reassembled PDUs need not hold a second copy of their bytes.
  session.frameBytes ??= (no) => frames.bytesOf(no);
  const needs = opts.secondPassNeeds;
  // 1 at frame number no for the frames the second pass needs, when it says.
  const needed = needs ? new PagedColumn((n) => new Uint8Array(n)) : null;
  let count = 0;
  let pending: unknown = null;
  // As tshark's, the first pass builds no columns: only the second pass's are read.
  const columns = session.columns;
  session.columns = false;
  try {
    try {
      outer: for await (const batch of reader.batches()) {
        for (const raw of batch) {
          if (count >= max) break outer;
          count++;
          const { pinfo } = session.dissect(raw, null, false);
          frames.add(raw);
          if (needed !== null && needs!(pinfo)) needed.set(raw.no, 1);
        }
      }
    } catch (err) {
      // Deliver what was read before reporting the damage.
      pending = err;
    } finally {
      session.columns = columns;
    }
    opts.beforeSecondPass?.();
    await deliver(frames.frames(), session, opts, true, Infinity, onFrame, needed && ((no) => needed.get(no) === 1));
  } finally {
    frames.close();
  }
  if (pending) throw pending;
  return count;
}

/**
 * Dissect at most `max` frames of `batches` with the tree asked for and hand
 * each to `onFrame` (false stops), awaiting afterBatch after each batch while
 * its bytes are valid; frames `needed` says no to are left out. Returns how
 * many were dissected.
 */
async function deliver(
  batches: AsyncIterable<RawPacket[]>,
  session: DissectionSession,
  opts: CaptureDissectOptions,
  visited: boolean,
  max: number,
  onFrame: (frame: DissectedFrame, raw: RawPacket) => void | boolean,
  needed: ((no: number) => boolean) | null = null,
): Promise<number> {
  let count = 0;
  outer: for await (const batch of batches) {
    for (const raw of batch) {
      if (count >= max) break outer;
      if (needed !== null && !needed(raw.no)) continue;
      count++;
      const f = session.dissect(raw, opts.tree, visited);
      if (onFrame(f, raw) === false) {
        await opts.afterBatch?.();
        break outer;
      }
    }
    await opts.afterBatch?.();
  }
  return count;
}
