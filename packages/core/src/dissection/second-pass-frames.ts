import { CaptureReader } from '../capture/capture-reader.js';
import { CaptureFile } from '../capture/capture-random-access.js';
import type { PacketSource } from '../capture/packet-source.js';
import type { RawPacket } from '../capture/raw-packet.js';

/**
 * The frames of a two-pass dissection (tshark -2): the first pass hands
 * each frame over while its bytes are valid; the second pass gets them all
 * again in order, and reassembly can read any of them by number meanwhile.
 */
export interface SecondPassFrames {
  /** First pass: frame `raw` was dissected. */
  add(raw: RawPacket): void;
  /** Frame `no`'s captured bytes, valid until the next call (reassembly copies them at once), or null. */
  bytesOf(no: number): Uint8Array | null;
  /** Second pass: the frames added, in order, in batches. */
  frames(): AsyncIterable<RawPacket[]>;
  close(): void;
}

/** A file is read again for the second pass; other sources keep a copy of every frame. */
export function secondPassFrames(reader: PacketSource): SecondPassFrames {
  return reader instanceof CaptureReader && reader.info.path !== undefined ? new RereadFrames(reader) : new KeptFrames();
}

function copyPacket(p: RawPacket): RawPacket {
  return { ...p, bytes: p.bytes.slice() };
}

/** Every frame copied: for a pipe or a live capture, which cannot be read again. */
class KeptFrames implements SecondPassFrames {
  private readonly kept: RawPacket[] = [];

  add(raw: RawPacket): void {
    this.kept.push(copyPacket(raw));
  }

  bytesOf(no: number): Uint8Array | null {
    const kept = this.kept;
    return kept[no - 1]?.no === no ? kept[no - 1]!.bytes : (kept.find((r) => r.no === no)?.bytes ?? null);
  }

  frames(): AsyncIterable<RawPacket[]> {
    return inBatches(this.kept);
  }

  close(): void {
    this.kept.length = 0;
  }
}

/**
 * A capture file keeps only where each frame lies: memory follows the
 * file's frame count, not its size. Records with no place in the file (a
 * FIFO given by path) are copied; if all of them are, nothing is read again.
 */
class RereadFrames implements SecondPassFrames {
  private readonly offsets: number[] = [0];
  private readonly lengths: number[] = [0];
  private readonly copies = new Map<number, RawPacket>();
  private count = 0;
  private file: CaptureFile | null = null;
  private fileFailed = false;

  /** A reader opened from a path. */
  constructor(private readonly reader: CaptureReader) {}

  add(raw: RawPacket): void {
    this.count++;
    this.offsets[raw.no] = raw.dataOffset;
    this.lengths[raw.no] = raw.caplen;
    if (raw.dataOffset < 0) this.copies.set(raw.no, copyPacket(raw));
  }

  bytesOf(no: number): Uint8Array | null {
    const copy = this.copies.get(no);
    if (copy !== undefined) return copy.bytes;
    const offset = this.offsets[no];
    if (offset === undefined || offset < 0 || this.fileFailed) return null;
    try {
      this.file ??= CaptureFile.open(this.reader.info.path!);
      return this.file.view(offset, this.lengths[no]!);
    } catch {
      this.fileFailed = this.file === null;
      return null; // the reassembly shows zeros and says why
    }
  }

  async *frames(): AsyncIterable<RawPacket[]> {
    if (this.copies.size === this.count) {
      yield* inBatches([...this.copies.values()]);
      return;
    }
    // The first pass's frames again, no more: a damaged file stops where it stopped before.
    let left = this.count;
    const reader = (await this.reader.reopen())!;
    try {
      if (left > 0) {
        for await (const batch of reader.batches()) {
          const out = batch.length <= left ? batch : batch.slice(0, left);
          left -= out.length;
          yield out;
          if (left <= 0) break;
        }
      }
    } finally {
      await reader.close();
    }
  }

  close(): void {
    this.file?.close();
    this.file = null;
  }
}

/** Frames already in memory, in batches. */
async function* inBatches(frames: RawPacket[]): AsyncIterable<RawPacket[]> {
  for (let i = 0; i < frames.length; i += 1024) yield frames.slice(i, i + 1024);
}
