import { UnfinishedLineMemo } from '@netdissect/core';

/**
 * Where the header scan of a message that asked TCP for one more segment
 * stopped: the first line not complete yet, and what the complete lines
 * before it said. req_resp_hdrs_do_reassembly reads the headers from the
 * start again with every segment, which makes a header block in n segments
 * cost O(n²) (50 s for 20,000 segments); the stream's bytes do not change,
 * so the next call for the same message goes on from that line (and the
 * search for that line's end from where it stopped). One message per
 * direction is remembered: the one being collected.
 */
export interface HeaderScanState {
  /** The complete lines end here (relative to the message start); the scan goes on from here. */
  next: number;
  contentLength: number;
  contentLengthFound: boolean;
  contentType: string | null;
  chunked: boolean;
}

export class HeaderScanMemo {
  /** Stream position (TCP sequence number) of the remembered message's start; -1 for none. */
  private key = -1;
  /** Whether that scan read the header fields (it skips them when the body is not reassembled). */
  private readFields = false;
  private readonly state: HeaderScanState = { next: 0, contentLength: 0, contentLengthFound: false, contentType: null, chunked: false };
  /** How far the search for the end of the first line not complete yet got (the start line too). */
  readonly line = new UnfinishedLineMemo();

  /** The scan to go on with for the message at stream position `key` scanned as `readFields` says, when `available` bytes of it are there; null to start over. */
  resume(key: number, readFields: boolean, available: number): Readonly<HeaderScanState> | null {
    if (key !== this.key || readFields !== this.readFields || this.state.next > available) return null;
    return this.state;
  }

  save(key: number, readFields: boolean, s: HeaderScanState): void {
    this.key = key;
    this.readFields = readFields;
    Object.assign(this.state, s);
  }
}
