import { describe, expect, it } from 'vitest';
import type { FieldNode, RawPacket } from '@netdissect/core';
import { dissectFrames, valuesOf } from '../support/dissect-frames.js';
import { concat, ethernet, ipv4, packets } from '../support/frame-builders.js';

const FRAME_SEC = 1_700_000_000;

/** An ICMP echo request (type 8) whose data is `data`; the checksum is left zero (only its status changes). */
function echoRequest(data: Uint8Array): Uint8Array {
  const h = new Uint8Array(8);
  h[0] = 8;
  h[4] = 0x12;
  h[5] = 0x34;
  h[7] = 1;
  return ethernet(0x0800, ipv4({ src: [10, 0, 0, 1], dst: [10, 0, 0, 2], protocol: 1 }, concat(h, data)));
}

/** ping(8)'s data: a timeval (seconds, microseconds) in either byte order, then the usual pattern. */
function timevalData(sec: number, usec: number, littleEndian: boolean, patternBytes = 40): Uint8Array {
  const b = new Uint8Array(8 + patternBytes);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, sec, littleEndian);
  dv.setUint32(4, usec, littleEndian);
  for (let i = 0; i < patternBytes; i++) b[8 + i] = 0x10 + i;
  return b;
}

function dissectOne(data: Uint8Array): { tree: FieldNode; layers: readonly string[] } {
  const [raw] = packets([echoRequest(data)], 1, FRAME_SEC) as [RawPacket];
  const [f] = dissectFrames([raw]);
  return { tree: f!.tree, layers: f!.layers };
}

function dataLength(tree: FieldNode): number[] {
  return valuesOf(tree, 'data.len') as number[];
}

describe('ICMP echo data that starts with a timestamp (packet-icmp.c)', () => {
  it('reads a little-endian timeval near the frame time, and hands the rest to data', () => {
    const { tree } = dissectOne(timevalData(FRAME_SEC - 2, 250_000, true));
    expect(valuesOf(tree, 'icmp.data_time')).toEqual([{ sec: FRAME_SEC - 2, nsec: 250_000_000 }]);
    expect(valuesOf(tree, 'icmp.data_time_relative')).toEqual([{ sec: 1, nsec: 750_000_000 }]);
    expect(dataLength(tree)).toEqual([40]);
  });

  it('prefers big-endian when that reading is plausible', () => {
    const { tree } = dissectOne(timevalData(FRAME_SEC + 3600, 5, false));
    expect(valuesOf(tree, 'icmp.data_time')).toEqual([{ sec: FRAME_SEC + 3600, nsec: 5000 }]);
    expect(valuesOf(tree, 'icmp.data_time_relative')).toEqual([{ sec: -3600, nsec: -5000 }]);
  });

  it('leaves data alone when neither reading is within a day or the microseconds overflow', () => {
    for (const data of [timevalData(FRAME_SEC - 86_400, 0, true), timevalData(FRAME_SEC, 1_000_000, true), new Uint8Array(48).fill(0xab)]) {
      const { tree } = dissectOne(data);
      expect(valuesOf(tree, 'icmp.data_time')).toEqual([]);
      expect(dataLength(tree)).toEqual([data.length]);
    }
  });

  it('needs 8 bytes: shorter data is only data, without an error', () => {
    const { tree, layers } = dissectOne(timevalData(FRAME_SEC, 0, true, 0).subarray(0, 6));
    expect(valuesOf(tree, 'icmp.data_time')).toEqual([]);
    expect(dataLength(tree)).toEqual([6]);
    expect(layers).not.toContain('_ws.malformed');
  });

  it('adds no data item after a timestamp that fills the data', () => {
    const { tree, layers } = dissectOne(timevalData(FRAME_SEC, 0, true, 0));
    expect(valuesOf(tree, 'icmp.data_time')).toHaveLength(1);
    expect(dataLength(tree)).toEqual([]);
    expect(layers).not.toContain('data');
  });
});
