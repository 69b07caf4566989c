import { CaptureFileError, type DissectedFrame, type DissectionSession, type PacketSource, type TcpFollowData, type TreeContext, type UdpFollowData } from '@netdissect/core';
import { ChangeSignal } from './change-signal.js';
import type { FrameBytes } from './frame-bytes.js';
import type { FrameIndex } from './frame-index.js';
import { SLICE_MS, yieldToEventLoop } from './time-slice.js';

export type IndexerState = 'reading' | 'done' | 'damaged' | 'failed' | 'stopped';

/** Wants to see each new frame in the same first-pass dissection (an active display filter). */
export interface NewFrameListener {
  /** The tree to build on the first pass, or null for columns only. */
  readonly tree: TreeContext | null;
  onFrame(frame: DissectedFrame, no: number): void;
}

/**
 * How often progress is announced while reading; the UI redraws at most
 * this often for it. A redraw costs Ink several milliseconds, so once a
 * file fills the screen only the status line changes and once a second
 * is enough; a live capture shows its new frames sooner.
 */
const PROGRESS_MS = 250;
const FILE_PROGRESS_MS = 1000;
/** Frames after which a file's first screen is surely full. */
const SCREENFUL = 500;

/**
 * The first pass: dissects every frame of a packet source once, in order,
 * without a tree, and keeps only the compact index. It works in short
 * slices so the screen and the keyboard stay live, and it keeps going as
 * long as the source delivers (a live capture never ends by itself).
 */
export class CaptureIndexer {
  readonly changed = new ChangeSignal();
  state: IndexerState = 'reading';
  /** One-line reason when the state is damaged or failed. */
  message = '';
  /** Fraction of the input read, when its size is known. */
  progress: number | null = null;
  listener: NewFrameListener | null = null;
  private tcpStream = -1;
  private udpStream = -1;

  constructor(
    private readonly source: PacketSource,
    private readonly session: DissectionSession,
    readonly index: FrameIndex,
    private readonly bytes: FrameBytes,
    /** Size of the input in bytes when it is a file (for the progress figure). */
    private readonly inputSize: number | null,
  ) {
    session.keepHistory = true;
    // The stream of the frame on its first pass; later passes must not overwrite it.
    session.addTap('tcp.follow', (pinfo, data) => {
      if (!pinfo.visited && this.tcpStream < 0) this.tcpStream = (data as TcpFollowData).stream;
    });
    session.addTap('udp.follow', (pinfo, data) => {
      if (!pinfo.visited && this.udpStream < 0) this.udpStream = (data as UdpFollowData).stream;
    });
  }

  get running(): boolean {
    return this.state === 'reading';
  }

  /** Read the source to its end (or until stop()); never throws. */
  async run(): Promise<void> {
    let sliceStart = performance.now();
    try {
      for await (const batch of this.source.batches()) {
        for (const raw of batch) {
          if (this.state !== 'reading') return;
          this.tcpStream = -1;
          this.udpStream = -1;
          const listener = this.listener;
          const frame = this.session.dissect(raw, listener ? listener.tree : null, false);
          this.bytes.keep(raw);
          // A tree drops the layers that added nothing to it: only a first pass without one names them all.
          const layersKnown = listener === null && !frame.pinfo.revisitRegardlessOfLayers;
          this.index.add(raw, frame.pinfo, this.tcpStream, this.udpStream, layersKnown);
          listener?.onFrame(frame, raw.no);
          if (this.inputSize && raw.dataOffset >= 0) this.progress = Math.min(1, (raw.dataOffset + raw.caplen) / this.inputSize);
          if (performance.now() - sliceStart >= SLICE_MS) {
            this.announce();
            await yieldToEventLoop();
            sliceStart = performance.now();
          }
        }
        this.announce();
      }
      if (this.state === 'reading') this.state = 'done';
    } catch (err) {
      if (this.state === 'stopped') return;
      this.state = err instanceof CaptureFileError && err.kind !== 'io' ? 'damaged' : 'failed';
      this.message = err instanceof Error ? err.message : String(err);
    } finally {
      if (this.state !== 'stopped') this.progress = this.state === 'done' ? 1 : this.progress;
      this.changed.notify();
    }
  }

  /** Stop reading (quit); the source is closed. */
  async stop(): Promise<void> {
    if (this.state === 'reading') this.state = 'stopped';
    await this.source.close();
  }

  private announce(): void {
    // The first frames go out at once, so the first screen does not wait for a progress tick.
    if (this.changed.version === 0) this.changed.notify();
    else this.changed.notifyThrottled(this.inputSize !== null && this.index.count > SCREENFUL ? FILE_PROGRESS_MS : PROGRESS_MS);
  }
}
