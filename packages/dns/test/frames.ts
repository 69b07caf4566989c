// Ethernet/IPv4 frames around a payload, for tests that need a capture
// the corpus does not have. Checksums are left zero: dissection does not verify them.
import type { RawPacket } from '@netdissect/core';
import { bytes, u16 } from './wire.js';

export interface Endpoint {
  ip: number[];
  port: number;
}

function frame(no: number, src: Endpoint, dst: Endpoint, proto: number, l4: number[]): RawPacket {
  const ip = [0x45, 0, ...u16(20 + l4.length), 0, 1, 0, 0, 64, proto, 0, 0, ...src.ip, ...dst.ip];
  const b = bytes([0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x08, 0x00], ip, l4);
  return { no, tsSec: 2000 + no, tsNsec: 0, tsPrecision: 6, caplen: b.length, len: b.length, linktype: 1, interfaceId: 0, bytes: b, dataOffset: -1 };
}

export function udpFrame(no: number, src: Endpoint, dst: Endpoint, payload: Uint8Array): RawPacket {
  return frame(no, src, dst, 17, [...u16(src.port), ...u16(dst.port), ...u16(8 + payload.length), 0, 0, ...payload]);
}

export function tcpFrame(no: number, src: Endpoint, dst: Endpoint, seq: number, ack: number, flags: number, payload: Uint8Array): RawPacket {
  const hdr = [...u16(src.port), ...u16(dst.port), ...u16(seq >>> 16), ...u16(seq & 0xffff), ...u16(ack >>> 16), ...u16(ack & 0xffff), 0x50, flags, ...u16(65535), 0, 0, 0, 0];
  return frame(no, src, dst, 6, [...hdr, ...payload]);
}
