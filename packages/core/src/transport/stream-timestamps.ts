import { timeDelta } from '../fields/time-format.js';
import type { PacketInfo } from '../dissection/packet-info.js';

/** First and previous frame times of a TCP/UDP stream, for *.time_relative and *.time_delta. */
export class StreamClock {
  firstSec = NaN;
  firstNsec = 0;
  prevSec = 0;
  prevNsec = 0;

  /** [relSec, relNsec, deltaSec, deltaNsec] for this frame; on revisits read back what the first pass stored. */
  tick(pinfo: PacketInfo, key: string): [number, number, number, number] {
    if (pinfo.visited) {
      const stored = pinfo.getFrameData<[number, number, number, number]>(key);
      if (stored) return stored;
    }
    const { tsSec, tsNsec } = pinfo.raw;
    if (Number.isNaN(this.firstSec)) {
      this.firstSec = tsSec;
      this.firstNsec = tsNsec;
      this.prevSec = tsSec;
      this.prevNsec = tsNsec;
    }
    const [rs, rn] = timeDelta(tsSec, tsNsec, this.firstSec, this.firstNsec);
    const [ds, dn] = timeDelta(tsSec, tsNsec, this.prevSec, this.prevNsec);
    this.prevSec = tsSec;
    this.prevNsec = tsNsec;
    const out: [number, number, number, number] = [rs, rn, ds, dn];
    if (pinfo.session.keepHistory) pinfo.setFrameData(key, out);
    return out;
  }
}
