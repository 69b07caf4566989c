import { DissectionSession, type PacketSource, type SessionOptions } from '@netdissect/core';
import { CaptureIndexer } from './capture-indexer.js';
import type { DisplayFilter } from './display-filter.js';
import type { FrameBytes } from './frame-bytes.js';
import { FrameIndex } from './frame-index.js';
import { InfoColumn } from './info-column.js';
import { FrameInspector } from './frame-inspector.js';
import { AllFrames, type FrameView } from './frame-view.js';
import { FilterPass } from './filter-pass.js';
import { LayerPrefilter } from './layer-prefilter.js';
import { RowColorizer } from './row-colorizer.js';
import { StatisticsPass } from './statistics-pass.js';
import { StreamFollow, type StreamKind } from './stream-follow.js';

export interface CaptureModelOptions {
  source: PacketSource;
  /** Preferences and limits for every dissection of the capture (browsing and statistics). */
  sessionOptions: SessionOptions;
  /** How frames are read back once indexed (the file, or an in-memory store). */
  bytes: (index: FrameIndex) => FrameBytes;
  /** What the status line calls the capture (file name, "-", interface). */
  name: string;
  /** A live capture: the list follows new frames and `p` pauses it. */
  live: boolean;
  /** Input size in bytes when known, for the progress figure. */
  inputSize: number | null;
  /** Something the user should read when the UI opens (capture warnings), or "". */
  notice?: string;
}

/**
 * Everything the TUI shows, outside React: the first-pass index being
 * built, the selected frame's dissection, row colours, the display filter
 * pass and stream follows. Every long task runs in slices and reports
 * through a ChangeSignal.
 */
export class CaptureModel {
  readonly index: FrameIndex;
  readonly indexer: CaptureIndexer;
  readonly inspector: FrameInspector;
  readonly colorizer: RowColorizer;
  readonly bytes: FrameBytes;
  /** Info texts of a file's rows, worked out as they are drawn (a live capture's are kept in the index). */
  private readonly infoColumn: InfoColumn | null;
  readonly session: DissectionSession;
  readonly name: string;
  readonly live: boolean;
  readonly notice: string;
  filterPass: FilterPass | null = null;
  private statisticsPass: StatisticsPass | null = null;
  private readonly sessionOptions: SessionOptions;
  private readonly all = new AllFrames(() => this.index.count);

  constructor(o: CaptureModelOptions) {
    this.sessionOptions = o.sessionOptions;
    this.session = new DissectionSession(o.sessionOptions);
    this.name = o.name;
    this.live = o.live;
    this.notice = o.notice ?? '';
    this.index = new FrameIndex(o.live ? null : (no) => this.infoColumn!.text(no));
    this.bytes = o.bytes(this.index);
    this.infoColumn = o.live ? null : new InfoColumn((no) => this.colorizer.infoOf(no));
    // A file can be re-read, so reassembled PDUs need not stay in memory (a live store may have evicted frames).
    if (!o.live) this.session.frameBytes = (no) => readFrameBytes(this.bytes, no);
    this.indexer = new CaptureIndexer(o.source, this.session, this.index, this.bytes, o.inputSize);
    this.inspector = new FrameInspector(this.session, this.bytes);
    this.colorizer = new RowColorizer(this.session, this.bytes);
  }

  /** Start the first pass in the background. */
  start(): Promise<void> {
    return this.indexer.run();
  }

  /** The frames the list shows now. */
  get view(): FrameView {
    return this.filterPass ? this.filterPass.passing : this.all;
  }

  /** Apply a compiled display filter; the pass runs in the background. */
  applyFilter(filter: DisplayFilter): FilterPass {
    this.clearFilter();
    const pass = new FilterPass(filter, this.session, this.bytes, this.index.count, LayerPrefilter.of(filter, this.index));
    this.filterPass = pass;
    this.indexer.listener = pass;
    void pass.run();
    return pass;
  }

  clearFilter(): void {
    this.filterPass?.cancel();
    this.filterPass = null;
    this.indexer.listener = null;
  }

  /** Follow the TCP or UDP stream frame `no` belongs to, or null if it is in none. */
  follow(no: number): StreamFollow | null {
    const tcp = this.index.tcpStream(no);
    const udp = this.index.udpStream(no);
    const kind: StreamKind | null = tcp >= 0 ? 'tcp' : udp >= 0 ? 'udp' : null;
    if (kind === null) return null;
    const f = new StreamFollow(kind, kind === 'tcp' ? tcp : udp, this.session, this.bytes, this.index);
    void f.run();
    return f;
  }

  /**
   * Statistics over the frames indexed so far: the pass already made if no
   * frame came since, else a new one (in the background).
   */
  statistics(): StatisticsPass {
    const current = this.statisticsPass;
    if (current && current.target === this.index.count) return current;
    current?.cancel();
    const pass = new StatisticsPass(this.bytes, this.index.count, this.sessionOptions);
    this.statisticsPass = pass;
    void pass.run();
    return pass;
  }

  /** Stop statistics that were not finished (the view was left). */
  dropUnfinishedStatistics(): void {
    if (this.statisticsPass && !this.statisticsPass.done) {
      this.statisticsPass.cancel();
      this.statisticsPass = null;
    }
  }

  async close(): Promise<void> {
    this.clearFilter();
    this.statisticsPass?.cancel();
    await this.indexer.stop();
    this.bytes.close();
  }
}

function readFrameBytes(bytes: FrameBytes, no: number): Uint8Array | null {
  try {
    return bytes.bytesOf(no);
  } catch {
    return null; // an unreadable file: the reassembly shows zeros and says why
  }
}
