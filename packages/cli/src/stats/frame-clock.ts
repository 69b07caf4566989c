import { timeDelta, type DissectionSession, type RawPacket } from '@netdissect/core';

/** A time as Wireshark's nstime_t keeps it: seconds and nanoseconds carrying the same sign. */
export interface NsTime {
  readonly sec: number;
  readonly nsec: number;
}

/**
 * pinfo->abs_ts: the frame's timestamp; a record without one has what the
 * reader leaves there, as wiretap does (0 for a simple packet block, the
 * previous packet's time for a custom block).
 */
export function absoluteTime(raw: RawPacket): NsTime {
  return { sec: raw.tsSec, nsec: raw.tsNsec };
}

/** pinfo->rel_ts: the frame's time since the first frame of the capture. */
export function relativeTime(raw: RawPacket, session: DissectionSession): NsTime {
  const t = absoluteTime(raw);
  const ref = session.reference ?? t;
  const [sec, nsec] = timeDelta(t.sec, t.nsec, ref.sec, ref.nsec);
  return { sec, nsec };
}

/** nstime_to_msec(&pinfo->rel_ts): the frame's time since the first frame, in ms (stats trees' clock). */
export function relativeMs(raw: RawPacket, session: DissectionSession): number {
  const rel = relativeTime(raw, session);
  return rel.sec * 1000 + rel.nsec / 1e6;
}

/** nstime_to_sec */
export function toSeconds(t: NsTime): number {
  return t.sec + t.nsec / 1e9;
}

/** nstime_cmp */
export function compareTime(a: NsTime, b: NsTime): number {
  return a.sec !== b.sec ? a.sec - b.sec : a.nsec - b.nsec;
}
