/**
 * Which capture format a file is, decided by its magic number alone (never
 * by its name: some ".pcap" files are pcapng).
 */

export type CaptureFormat = 'pcap' | 'pcapng';

export type SniffedFormat =
  | { format: 'pcap'; littleEndian: boolean; nanosecond: boolean }
  | { format: 'pcapng'; littleEndian: boolean };

/** Bytes needed to tell every format apart (pcapng: block type, length, byte-order magic). */
export const SNIFF_BYTES = 12;

export const PCAP_MAGIC_USEC = 0xa1b2c3d4;
export const PCAP_MAGIC_NSEC = 0xa1b23c4d;
/** Alexey Kuznetsov's patched libpcap (ss990915, ss991029 record headers). */
export const PCAP_MAGIC_MODIFIED = 0xa1b2cd34;
export const PCAPNG_SHB_TYPE = 0x0a0d0d0a;
export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;

function u32be(b: Uint8Array, p: number): number {
  return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
}
function u32le(b: Uint8Array, p: number): number {
  return ((b[p + 3]! << 24) | (b[p + 2]! << 16) | (b[p + 1]! << 8) | b[p]!) >>> 0;
}

/**
 * Identify the format from the first bytes of the input (pass at least
 * SNIFF_BYTES when the input has them). Returns undefined for anything we do
 * not recognise, including inputs too short to hold a magic number.
 */
export function sniffCaptureFormat(head: Uint8Array): SniffedFormat | undefined {
  if (head.length < 4) return undefined;
  const be = u32be(head, 0);
  const le = u32le(head, 0);
  if (be === PCAP_MAGIC_USEC) return { format: 'pcap', littleEndian: false, nanosecond: false };
  if (le === PCAP_MAGIC_USEC) return { format: 'pcap', littleEndian: true, nanosecond: false };
  if (be === PCAP_MAGIC_NSEC) return { format: 'pcap', littleEndian: false, nanosecond: true };
  if (le === PCAP_MAGIC_NSEC) return { format: 'pcap', littleEndian: true, nanosecond: true };
  if (be === PCAP_MAGIC_MODIFIED) return { format: 'pcap', littleEndian: false, nanosecond: false };
  if (le === PCAP_MAGIC_MODIFIED) return { format: 'pcap', littleEndian: true, nanosecond: false };
  if (be === PCAPNG_SHB_TYPE && head.length >= 12) {
    // The SHB type reads the same in both byte orders; the byte-order magic decides.
    if (u32le(head, 8) === PCAPNG_BYTE_ORDER_MAGIC) return { format: 'pcapng', littleEndian: true };
    if (u32be(head, 8) === PCAPNG_BYTE_ORDER_MAGIC) return { format: 'pcapng', littleEndian: false };
  }
  return undefined;
}

/** "0xa1b2c3d4"-style rendering of the first four bytes, for messages. */
export function describeMagic(head: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < Math.min(4, head.length); i++) hex += head[i]!.toString(16).padStart(2, '0');
  return hex === '' ? '(none)' : `0x${hex}`;
}
