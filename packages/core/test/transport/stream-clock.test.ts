import { describe, expect, it } from 'vitest';
import { DissectionSession, PacketInfo, type RawPacket } from '../../src/index.js';
import { StreamClock } from '../../src/transport/stream-timestamps.js';

function raw(no: number, tsSec: number, tsNsec: number): RawPacket {
  return { no, tsSec, tsNsec, tsPrecision: 9, caplen: 14, len: 14, linktype: 1, interfaceId: 0, bytes: new Uint8Array(14), dataOffset: -1 };
}

describe('StreamClock', () => {
  const times: Array<[number, number]> = [[100, 900_000_000], [101, 100_000_000], [101, 100_000_500], [104, 0]];

  function firstPass(session: DissectionSession, clock: StreamClock): number[][] {
    return times.map(([s, ns], i) => {
      const t = clock.tick(new PacketInfo(session, raw(i + 1, s, ns), false), 'test.ts');
      return [t.relSec, t.relNsec, t.deltaSec, t.deltaNsec];
    });
  }

  const expected = [
    [0, 0, 0, 0],
    [0, 200_000_000, 0, 200_000_000],
    [0, 200_000_500, 0, 500],
    [3, 100_000_000, 2, 899_999_500],
  ];

  it('gives each frame its time since the stream began and since its previous frame', () => {
    expect(firstPass(new DissectionSession(), new StreamClock())).toEqual(expected);
  });

  it('gives a revisited frame the delta its first pass stored, whatever was ticked since', () => {
    const session = new DissectionSession();
    session.keepHistory = true;
    const clock = new StreamClock();
    firstPass(session, clock);
    for (const i of [2, 0, 3, 1]) {
      const [s, ns] = times[i]!;
      const t = clock.tick(new PacketInfo(session, raw(i + 1, s, ns), true), 'test.ts');
      expect([t.relSec, t.relNsec, t.deltaSec, t.deltaNsec]).toEqual(expected[i]);
    }
  });

  it('measures a stream whose frames are dated before 1970 (negative seconds)', () => {
    const session = new DissectionSession();
    const clock = new StreamClock();
    const ticks = ([[-5, 100], [-5, 600], [-4, 100]] as const).map(([s, ns], i) => {
      const t = clock.tick(new PacketInfo(session, raw(i + 1, s, ns), false), 'test.ts');
      return [t.relSec, t.relNsec, t.deltaSec, t.deltaNsec];
    });
    expect(ticks).toEqual([
      [0, 0, 0, 0],
      [0, 500, 0, 500],
      [1, 0, 0, 999_999_500],
    ]);
  });
});
