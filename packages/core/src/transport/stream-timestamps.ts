import { timeDelta } from '../fields/time-format.js';
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
  /** -1 until the stream's first frame (capture times are never negative). */
  firstSec = -1;
  firstNsec = 0;
  prevSec = 0;
  prevNsec = 0;

  /** [relSec, relNsec, deltaSec, deltaNsec] for this frame; on revisits the delta is what the first pass stored. */
  tick(pinfo: PacketInfo, key: string): [number, number, number, number] {
    const { tsSec, tsNsec } = pinfo.raw;
    const deltas = pinfo.session.keepHistory ? pinfo.session.state(key, () => new FrameTimeHistory()) : null;
    if (pinfo.visited) {
      const stored = deltas?.get(pinfo.num);
      if (stored) return [...timeDelta(tsSec, tsNsec, this.firstSec, this.firstNsec), stored[0], stored[1]];
    }
    if (this.firstSec < 0) {
      this.firstSec = tsSec;
      this.firstNsec = tsNsec;
      this.prevSec = tsSec;
      this.prevNsec = tsNsec;
    }
    const [rs, rn] = timeDelta(tsSec, tsNsec, this.firstSec, this.firstNsec);
    const [ds, dn] = timeDelta(tsSec, tsNsec, this.prevSec, this.prevNsec);
    this.prevSec = tsSec;
    this.prevNsec = tsNsec;
    deltas?.set(pinfo.num, ds, dn);
    return [rs, rn, ds, dn];
  }
}
