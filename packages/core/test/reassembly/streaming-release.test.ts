import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DissectionSession, defaultRegistry, makeDissector, type RawPacket } from '@netdissect/core';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** An Ethernet/IPv4/TCP frame carrying `payload` (checksums are not verified, so left zero). */
function tcpFrame(no: number, src: number, sport: number, dst: number, dport: number, seq: number, ack: number, flags: number, payload: Uint8Array = new Uint8Array(0)): RawPacket {
  const b = new Uint8Array(54 + payload.length);
  b.set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 8, 0], 0);
  const total = 40 + payload.length;
  b.set([0x45, 0, total >> 8, total & 255, 0, 0, 0x40, 0, 64, 6, 0, 0], 14);
  b.set([src >>> 24, (src >>> 16) & 255, (src >>> 8) & 255, src & 255, dst >>> 24, (dst >>> 16) & 255, (dst >>> 8) & 255, dst & 255], 26);
  b.set([sport >> 8, sport & 255, dport >> 8, dport & 255, seq >>> 24, (seq >>> 16) & 255, (seq >>> 8) & 255, seq & 255, ack >>> 24, (ack >>> 16) & 255, (ack >>> 8) & 255, ack & 255, 0x50, flags, 0xff, 0xff, 0, 0, 0, 0], 34);
  b.set(payload, 54);
  return { no, tsSec: 1_700_000_000 + Math.floor(no / 1000), tsNsec: (no % 1000) * 1000, tsPrecision: 6, caplen: b.length, len: b.length, linktype: 1, interfaceId: 0, bytes: b, dataOffset: -1 };
}

/** A test protocol on TCP port 7070: a 4-byte length, then that many bytes. */
const PORT = 7070;
const pduSizes: number[] = [];
/** Checksum of each PDU handed over, to tell a rebuilt buffer from the original. */
const pduSums: number[] = [];
defaultRegistry.addUint(
  'tcp.port',
  PORT,
  makeDissector('lenpdu', 'LENPDU', (tvb, pinfo) => {
    const need = 4 + tvb.u32(0);
    if (tvb.length < need && pinfo.canDesegment) {
      pinfo.desegmentOffset = 0;
      pinfo.desegmentLen = need - tvb.length;
      return tvb.length;
    }
    pduSizes.push(tvb.length);
    let sum = 0;
    for (let i = 0; i < tvb.length; i++) sum = (sum * 31 + tvb.u8(i)) >>> 0;
    pduSums.push(sum);
    return tvb.length;
  }),
);

describe('one-pass TCP reassembly releases finished PDUs', () => {
  it('keeps no reassembled bytes of connections whose last PDU is complete', () => {
    const session = new DissectionSession();
    const connections = 400;
    const pduBytes = 40_000;
    const segment = 1000;
    let no = 0;
    gc();
    const arrayBuffersBefore = process.memoryUsage().arrayBuffers;
    for (let c = 0; c < connections; c++) {
      const client = 0x0a000100 + c;
      const server = 0x0a000001;
      const sport = 30000 + c;
      session.dissect(tcpFrame(++no, client, sport, server, PORT, 100, 0, 0x02), null);
      session.dissect(tcpFrame(++no, server, PORT, client, sport, 5000, 101, 0x12), null);
      session.dissect(tcpFrame(++no, client, sport, server, PORT, 101, 5001, 0x10), null);
      const pdu = new Uint8Array(pduBytes);
      new DataView(pdu.buffer).setUint32(0, pduBytes - 4);
      for (let off = 0; off < pduBytes; off += segment) {
        session.dissect(tcpFrame(++no, client, sport, server, PORT, 101 + off, 5001, 0x18, pdu.subarray(off, off + segment)), null);
      }
    }
    // Every PDU was reassembled and handed over whole...
    expect(pduSizes.filter((n) => n === pduBytes)).toHaveLength(connections);
    // ...and none of the 16 MB of reassembled data is still held by the session.
    gc();
    const heldMb = (process.memoryUsage().arrayBuffers - arrayBuffersBefore) / 1048576;
    expect(heldMb).toBeLessThan(10);
  });
});

describe('history mode with re-readable frames drops finished PDUs and rebuilds them on revisit', () => {
  /** `connections` connections each sending one PDU of `pduBytes` in 1000-byte segments, with varied content. */
  function capture(connections: number, pduBytes: number): RawPacket[] {
    const out: RawPacket[] = [];
    let no = 0;
    for (let c = 0; c < connections; c++) {
      const client = 0x0a010100 + c;
      const server = 0x0a010001;
      const sport = 40000 + c;
      out.push(tcpFrame(++no, client, sport, server, PORT, 100, 0, 0x02));
      out.push(tcpFrame(++no, server, PORT, client, sport, 5000, 101, 0x12));
      out.push(tcpFrame(++no, client, sport, server, PORT, 101, 5001, 0x10));
      const pdu = new Uint8Array(pduBytes);
      for (let i = 4; i < pduBytes; i++) pdu[i] = (i * 7 + c) & 255;
      new DataView(pdu.buffer).setUint32(0, pduBytes - 4);
      for (let off = 0; off < pduBytes; off += 1000) {
        out.push(tcpFrame(++no, client, sport, server, PORT, 101 + off, 5001, 0x18, pdu.subarray(off, off + 1000)));
      }
    }
    return out;
  }

  it('holds none of the reassembled bytes after the first pass, and a revisit gives the same PDU', () => {
    const frames = capture(400, 40_000);
    const session = new DissectionSession();
    session.keepHistory = true;
    let reads = 0;
    session.frameBytes = (no) => {
      reads++;
      return frames[no - 1]?.bytes ?? null;
    };
    pduSizes.length = 0;
    pduSums.length = 0;
    gc();
    const before = process.memoryUsage().arrayBuffers;
    for (const f of frames) session.dissect(f, null);
    expect(pduSizes.filter((n) => n === 40_000)).toHaveLength(400);
    const firstPassSums = pduSums.slice();
    gc();
    // The frames themselves are the test's (16 MB); a second copy in reassembly would double it.
    const heldMb = (process.memoryUsage().arrayBuffers - before) / 1048576;
    expect(heldMb).toBeLessThan(16 + 6);
    expect(reads).toBe(0);

    // Revisit every frame: the completing ones rebuild their PDU from the 40 segments' frames.
    pduSums.length = 0;
    for (const f of frames) session.dissect(f, null, true);
    expect(pduSums).toEqual(firstPassSums);
    expect(reads).toBe(400 * 40);
  });

  it('shows zeros and an expert note when a segment\'s frame can no longer be read', () => {
    const frames = capture(1, 5000);
    const session = new DissectionSession();
    session.keepHistory = true;
    let gone = false;
    session.frameBytes = (no) => (gone && no === 5 ? null : (frames[no - 1]?.bytes ?? null));
    pduSums.length = 0;
    for (const f of frames) session.dissect(f, null);
    const want = pduSums[0];
    gone = true;
    pduSums.length = 0;
    const last = frames[frames.length - 1]!;
    const { pinfo } = session.dissect(last, null, true);
    expect(pduSums).toHaveLength(1);
    expect(pduSums[0]).not.toBe(want);
    expect(pinfo.experts.map((e) => e.summary)).toContain('Reassembled data could not be read again from the capture; missing bytes shown as zeros');
  });
});
