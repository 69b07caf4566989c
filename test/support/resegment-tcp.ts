import { CaptureReader, LINKTYPE_ETHERNET, type RawPacket } from '@netdissect/core';

/** Where IP and TCP start in an Ethernet frame (optionally VLAN-tagged), or null if it is not TCP. */
function locateTcp(b: Uint8Array): { ip: number; v6: boolean; tcp: number; payload: number; end: number } | null {
  let off = 12;
  let type = (b[off]! << 8) | b[off + 1]!;
  off += 2;
  while (type === 0x8100 || type === 0x88a8) {
    type = (b[off + 2]! << 8) | b[off + 3]!;
    off += 4;
  }
  if (type === 0x0800) {
    const ihl = (b[off]! & 0x0f) * 4;
    if (b[off + 9] !== 6) return null;
    const total = (b[off + 2]! << 8) | b[off + 3]!;
    const tcp = off + ihl;
    const thl = (b[tcp + 12]! >> 4) * 4;
    return { ip: off, v6: false, tcp, payload: tcp + thl, end: Math.min(b.length, off + total) };
  }
  if (type === 0x86dd) {
    if (b[off + 6] !== 6) return null;
    const plen = (b[off + 4]! << 8) | b[off + 5]!;
    const tcp = off + 40;
    const thl = (b[tcp + 12]! >> 4) * 4;
    return { ip: off, v6: true, tcp, payload: tcp + thl, end: Math.min(b.length, tcp + plen) };
  }
  return null;
}

/**
 * Re-cut every TCP segment of an Ethernet capture into segments of at most
 * `size` payload bytes (sequence numbers, IP lengths and frame lengths
 * adjusted; checksums are not, as dissection does not verify them). Used to
 * prove that dissection does not depend on where segments happen to end.
 */
export function resegmentTcp(packets: RawPacket[], size: number): RawPacket[] {
  const out: RawPacket[] = [];
  for (const p of packets) {
    const loc = p.linktype === LINKTYPE_ETHERNET && p.caplen === p.len ? locateTcp(p.bytes) : null;
    const payloadLen = loc ? loc.end - loc.payload : 0;
    if (!loc || payloadLen <= size) {
      out.push({ ...p, no: out.length + 1 });
      continue;
    }
    const seq0 = ((p.bytes[loc.tcp + 4]! << 24) | (p.bytes[loc.tcp + 5]! << 16) | (p.bytes[loc.tcp + 6]! << 8) | p.bytes[loc.tcp + 7]!) >>> 0;
    for (let start = 0; start < payloadLen; start += size) {
      const n = Math.min(size, payloadLen - start);
      const frame = new Uint8Array(loc.payload + n);
      frame.set(p.bytes.subarray(0, loc.payload));
      frame.set(p.bytes.subarray(loc.payload + start, loc.payload + start + n), loc.payload);
      const seq = (seq0 + start) >>> 0;
      frame[loc.tcp + 4] = seq >>> 24;
      frame[loc.tcp + 5] = (seq >>> 16) & 255;
      frame[loc.tcp + 6] = (seq >>> 8) & 255;
      frame[loc.tcp + 7] = seq & 255;
      // FIN belongs on the last piece only; PSH too.
      if (start + n < payloadLen) frame[loc.tcp + 13]! &= ~0x09;
      if (loc.v6) {
        const plen = frame.length - loc.ip - 40;
        frame[loc.ip + 4] = plen >> 8;
        frame[loc.ip + 5] = plen & 255;
      } else {
        const total = frame.length - loc.ip;
        frame[loc.ip + 2] = total >> 8;
        frame[loc.ip + 3] = total & 255;
      }
      out.push({ ...p, no: out.length + 1, bytes: frame, caplen: frame.length, len: frame.length, dataOffset: -1 });
    }
  }
  return out;
}

/** All packets of a capture file, copied so they outlive the reader. */
export async function readAllPackets(path: string): Promise<RawPacket[]> {
  const reader = await CaptureReader.open(path);
  const out: RawPacket[] = [];
  for await (const p of reader.packets()) out.push({ ...p, bytes: p.bytes.slice() });
  await reader.close();
  return out;
}
