import type { PacketInfo } from './packet-info.js';
import type { Tvb } from './tvb.js';
import { streamPosition } from './unfinished-line-memo.js';

/**
 * Whether tshark's TLS dissector would decline this payload as cleartext
 * (dissect_ssl): more than four bytes captured and the first four printable
 * ASCII.
 */
export function tlsDeclinesAsCleartext(tvb: Tvb): boolean {
  if (tvb.length <= 4) return false;
  for (let i = 0; i < 4; i++) {
    const c = tvb.u8(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** ssl_is_valid_content_type: change cipher spec, alert, handshake, application data, heartbeat. */
function validContentType(t: number): boolean {
  return t >= 20 && t <= 24;
}

/** One direction's TLS framing: where the bytes TLS has claimed end, and a record header split across segments. */
interface Direction {
  end: number;
  partial: Uint8Array | null;
}

/**
 * A mail connection's switch to TLS (STARTTLS, STLS, or the protocol's
 * heuristic), from its first TLS frame on. tshark hands every payload to TLS, which declines
 * one starting with four printable bytes (tlsDeclinesAsCleartext), and TCP
 * gives that one to the protocol of the port again: a line typed after the
 * switch is still a command. But a payload TLS asked for, the rest of a
 * record it is reassembling, reaches TLS as part of that record whatever its
 * first bytes (a certificate's text often starts a segment): so this follows
 * the records TLS would reassemble, by stream position in each direction,
 * and only a payload starting at a record boundary can be declined. Decided
 * on the first pass; later passes read the frames declined then.
 */
export class TlsAfterSwitch {
  private readonly directions: [Direction, Direction] = [
    { end: -1, partial: null },
    { end: -1, partial: null },
  ];
  private readonly declined = new Set<number>();

  constructor(
    /** The first frame whose payloads go to TLS (ssl_starttls: the frame after the last cleartext one). */
    readonly firstFrame: number,
  ) {}

  /** Whether the payload goes to TLS: its frame is at or after the switch and TLS does not decline it. */
  takes(tvb: Tvb, pinfo: PacketInfo, data: unknown, fromServer: boolean): boolean {
    return pinfo.num >= this.firstFrame && !this.isCleartext(tvb, pinfo, data, fromServer);
  }

  /** Whether a payload after the switch is cleartext for the protocol of the port (else TLS's). `data` is TCP's TcpInfo. */
  isCleartext(tvb: Tvb, pinfo: PacketInfo, data: unknown, fromServer: boolean): boolean {
    if (pinfo.visited) return this.declined.has(pinfo.num);
    const seq = (data as { seq?: number } | undefined)?.seq;
    const at = streamPosition(seq, 0);
    const d = this.directions[fromServer ? 1 : 0];
    const n = tvb.length;
    const atRecordBoundary = at < 0 || d.end < 0 || ((at - d.end) | 0) >= 0;
    if (atRecordBoundary && d.partial === null && tlsDeclinesAsCleartext(tvb)) {
      this.declined.add(pinfo.num);
      return true;
    }
    if (at < 0) return false;
    if (d.end >= 0 && ((at + n - d.end) | 0) <= 0) return false; // all inside the record TLS is reassembling
    // Walk the records from where TLS's claimed bytes end (or the payload's start after a gap).
    let bytes = tvb.view(0, n);
    let base = at;
    if (d.partial !== null && atRecordBoundary) {
      const joined = new Uint8Array(d.partial.length + n);
      joined.set(d.partial);
      joined.set(bytes, d.partial.length);
      base = (at - d.partial.length) >>> 0;
      bytes = joined;
    }
    d.partial = null;
    let o = atRecordBoundary ? 0 : (d.end - base) | 0;
    while (o < bytes.length) {
      if (bytes.length - o < 5) {
        // The header itself is split: TLS asks for more and reads it with the next segment.
        d.partial = bytes.slice(o);
        o = bytes.length;
        break;
      }
      // An invalid content type is an "Ignored Unknown Record": it takes the rest of the payload.
      if (!validContentType(bytes[o]!)) {
        o = bytes.length;
        break;
      }
      o += 5 + ((bytes[o + 3]! << 8) | bytes[o + 4]!);
    }
    d.end = (base + o) >>> 0;
    return false;
  }
}
