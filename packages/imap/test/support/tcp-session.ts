import { LINKTYPE_ETHERNET, type RawPacket } from '@netdissect/core';

/** One send of an IMAP conversation the corpus has no example of. */
export interface SessionSegment {
  readonly fromClient: boolean;
  readonly data: string | Uint8Array;
}

const CLIENT = [192, 0, 2, 10];
const SERVER = [192, 0, 2, 20];
const CLIENT_PORT = 50143;
const SERVER_PORT = 143;

function frameBytes(fromClient: boolean, seq: number, ack: number, flags: number, payload: Uint8Array): Uint8Array {
  const f = new Uint8Array(14 + 20 + 20 + payload.length);
  const dv = new DataView(f.buffer);
  f.set([0, 1, 2, 3, 4, fromClient ? 5 : 6, 0, 1, 2, 3, 4, fromClient ? 6 : 5], 0);
  dv.setUint16(12, 0x0800);
  f[14] = 0x45;
  dv.setUint16(16, 40 + payload.length);
  f[22] = 64;
  f[23] = 6;
  f.set(fromClient ? CLIENT : SERVER, 26);
  f.set(fromClient ? SERVER : CLIENT, 30);
  dv.setUint16(34, fromClient ? CLIENT_PORT : SERVER_PORT);
  dv.setUint16(36, fromClient ? SERVER_PORT : CLIENT_PORT);
  dv.setUint32(38, seq >>> 0);
  dv.setUint32(42, ack >>> 0);
  f[46] = 0x50;
  f[47] = flags;
  dv.setUint16(48, 65535);
  f.set(payload, 54);
  return f;
}

/**
 * An Ethernet/IPv4 capture of a TCP connection to port 143 carrying
 * `segments` (split into segments of at most `mss` bytes), after a
 * three-way handshake; one frame per second. Checksums are left zero, as
 * dissection does not verify them.
 */
export function buildTcpSession(segments: readonly SessionSegment[], mss = 1460): RawPacket[] {
  const frames: Uint8Array[] = [];
  let cseq = 1000;
  let sseq = 5000;
  frames.push(frameBytes(true, cseq - 1, 0, 0x02, new Uint8Array(0)));
  frames.push(frameBytes(false, sseq - 1, cseq, 0x12, new Uint8Array(0)));
  frames.push(frameBytes(true, cseq, sseq, 0x10, new Uint8Array(0)));
  for (const s of segments) {
    const data = typeof s.data === 'string' ? new TextEncoder().encode(s.data) : s.data;
    for (let off = 0; off < data.length; off += mss) {
      const piece = data.subarray(off, off + mss);
      if (s.fromClient) {
        frames.push(frameBytes(true, cseq, sseq, 0x18, piece));
        cseq += piece.length;
      } else {
        frames.push(frameBytes(false, sseq, cseq, 0x18, piece));
        sseq += piece.length;
      }
    }
  }
  return frames.map((bytes, i) => ({
    no: i + 1,
    tsSec: 1_700_000_000 + i,
    tsNsec: 0,
    tsPrecision: 6,
    caplen: bytes.length,
    len: bytes.length,
    linktype: LINKTYPE_ETHERNET,
    interfaceId: 0,
    bytes,
    dataOffset: -1,
  }));
}
