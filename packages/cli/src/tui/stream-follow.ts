import { TcpStreamFollower, UdpStreamFollower, type DissectionSession, type FollowEndpoints, type FollowRecord, type TcpFollowData, type UdpFollowData } from '@netdissect/core';
import { ChangeSignal } from './change-signal.js';
import type { FrameBytes } from './frame-bytes.js';
import type { FrameIndex } from './frame-index.js';
import { SLICE_MS, yieldToEventLoop } from './time-slice.js';

/** How often a running follow redraws its progress. */
const PROGRESS_MS = 100;
/**
 * The first slice is longer: the user is waiting for the stream, and one
 * read within it is drawn once, complete, instead of first with its
 * progress (each redraw of the screen costs Ink tens of milliseconds).
 */
const FIRST_SLICE_MS = 50;

export type StreamKind = 'tcp' | 'udp';

/**
 * Follow TCP/UDP Stream for the TUI: the frames of one stream (known from
 * the index) are dissected again, visited, with a follower listening on
 * the session's follow tap — the same records tshark's -z follow prints.
 */
export class StreamFollow {
  readonly changed = new ChangeSignal();
  private follower: TcpStreamFollower | UdpStreamFollower | null = null;
  done = false;
  /** Frames of the stream, and how many were dissected so far. */
  readonly frames: number[];
  dissected = 0;
  private cancelled = false;

  constructor(
    readonly kind: StreamKind,
    readonly stream: number,
    private readonly session: DissectionSession,
    private readonly bytes: FrameBytes,
    index: FrameIndex,
  ) {
    this.frames = index.framesOfStream(kind, stream);
  }

  /** The stream's data so far (growing while the frames are read: the view shows what is there). */
  get records(): readonly FollowRecord[] {
    return this.follower?.records ?? [];
  }

  get endpoints(): FollowEndpoints | null {
    return this.follower?.endpoints ?? null;
  }

  /** The display filter that shows this stream's frames. */
  get filterText(): string {
    return `${this.kind}.stream eq ${this.stream}`;
  }

  async run(): Promise<void> {
    const tcp = this.kind === 'tcp' ? new TcpStreamFollower(this.stream) : null;
    const udp = this.kind === 'udp' ? new UdpStreamFollower(this.stream) : null;
    this.follower = tcp ?? udp;
    // Only this pass's frames: the first pass may be dissecting new frames of the stream meanwhile.
    const stopListening = this.session.addTap(`${this.kind}.follow`, (pinfo, data) => {
      if (!pinfo.visited || (data as TcpFollowData | UdpFollowData).stream !== this.stream) return;
      if (tcp) tcp.add(pinfo, data as TcpFollowData);
      else udp!.add(pinfo, data as UdpFollowData);
    });
    let sliceStart = performance.now();
    let slice = FIRST_SLICE_MS;
    try {
      for (const no of this.frames) {
        if (this.cancelled) return;
        try {
          const raw = this.bytes.frame(no);
          this.session.transportOnly = true;
          if (raw) this.session.dissect(raw, null, true);
        } catch {
          // A frame that cannot be re-read leaves a gap, as a lost segment would.
        } finally {
          this.session.transportOnly = false;
        }
        this.dissected++;
        if (performance.now() - sliceStart >= slice) {
          this.changed.notifyThrottled(PROGRESS_MS);
          await yieldToEventLoop();
          sliceStart = performance.now();
          slice = SLICE_MS;
        }
      }
    } finally {
      stopListening();
    }
    // Like tshark, segments still waiting for a missing one at the end are not shown (they never join the records).
    this.done = true;
    this.changed.notify();
  }

  cancel(): void {
    this.cancelled = true;
  }
}
