import { AddressType } from '../dissection/address.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { internetChecksum } from '../network/internet-checksum.js';

/**
 * The Internet checksum of a TCP or UDP segment with its IPv4 or IPv6
 * pseudo-header (RFC 793, RFC 768, RFC 8200 section 8.1), from the
 * packet's network addresses, as packet-tcp.c and packet-udp.c build it:
 * 0 when the segment checks out; null when the addresses are not IP.
 */
export function pseudoHeaderChecksum(pinfo: PacketInfo, proto: number, length: number, data: Uint8Array): number | null {
  let phdr: Uint8Array;
  if (pinfo.src.type === AddressType.IPv4) {
    // One 32-bit word, (proto << 16) + length, as the dissectors add them (a length past 16 bits runs into proto).
    const w = ((proto << 16) + length) >>> 0;
    phdr = new Uint8Array([w >>> 24, (w >>> 16) & 255, (w >>> 8) & 255, w & 255]);
  } else if (pinfo.src.type === AddressType.IPv6) {
    phdr = new Uint8Array([length >>> 24, (length >>> 16) & 255, (length >>> 8) & 255, length & 255, 0, 0, 0, proto]);
  } else {
    return null;
  }
  return internetChecksum(pinfo.src.bytes, pinfo.dst.bytes, phdr, data);
}
