import { timeDeltaNsec, timeDeltaSec } from '../fields/time-format.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { FrameTimeHistory } from '../dissection/frame-time-history.js';

/**
 * First and previous frame times of a TCP/UDP stream, for *.time_relative
 * and *.time_delta. A UDP conversation is one (every DNS lookup is one, so
 * there can be 100,000 live): the fields hold small integers, which V8
 * stores in the object itself, where a NaN "not yet" would make it box
 * each value in a heap number of its own.
 */
export class StreamClock {
  /** Set at the stream's first frame (a flag: a pcap record's microseconds past 999,999 give wiretap negative nanoseconds). */
  started = false;
  firstSec = 0;
  firstNsec = 0;
  prevSec = 0;
  prevNsec = 0;

  /** Start the clock at this frame (a stream whose first frame has no timestamps of its own, as UDP's without payload). */
  start(pinfo: PacketInfo): void {
    this.started = true;
    this.firstSec = this.prevSec = pinfo.raw.tsSec;
    this.firstNsec = this.prevNsec = pinfo.raw.tsNsec;
  }

  /** This frame's times since the stream's first and previous frames; on revisits the delta is what the first pass stored. Valid until the next call. */
  tick(pinfo: PacketInfo, key: string): StreamTick {
    const { tsSec, tsNsec } = pinfo.raw;
    const deltas = pinfo.session.keepHistory ? pinfo.session.state(key, () => new FrameTimeHistory()) : null;
    const stored = pinfo.visited ? (deltas?.get(pinfo.num) ?? null) : null;
    if (stored === null && !this.started) {
      this.started = true;
      this.firstSec = tsSec;
      this.firstNsec = tsNsec;
      this.prevSec = tsSec;
      this.prevNsec = tsNsec;
    }
    const t = streamTick;
    t.relSec = timeDeltaSec(tsSec, tsNsec, this.firstSec, this.firstNsec);
    t.relNsec = timeDeltaNsec(tsSec, tsNsec, this.firstSec, this.firstNsec);
    if (stored !== null) {
      t.deltaSec = stored[0];
      t.deltaNsec = stored[1];
      return t;
    }
    t.deltaSec = timeDeltaSec(tsSec, tsNsec, this.prevSec, this.prevNsec);
    t.deltaNsec = timeDeltaNsec(tsSec, tsNsec, this.prevSec, this.prevNsec);
    this.prevSec = tsSec;
    this.prevNsec = tsNsec;
    deltas?.set(pinfo.num, t.deltaSec, t.deltaNsec);
    return t;
  }
}

/** What StreamClock.tick returns: one object filled again by every call, as UDP reads it at once (a UDP frame allocated a four-number array). */
export interface StreamTick {
  relSec: number;
  relNsec: number;
  deltaSec: number;
  deltaNsec: number;
}

const streamTick: StreamTick = { relSec: 0, relNsec: 0, deltaSec: 0, deltaNsec: 0 };
