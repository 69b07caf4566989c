/**
 * Classic libpcap files: the 24-byte file header and the 16-byte record
 * headers, in either byte order, with microsecond (a1b2c3d4) or nanosecond
 * (a1b23c4d) timestamps; and the variants with longer record headers
 * (pcap-variants.ts). Records are parsed straight out of the chunk window
 * with inline byte arithmetic; each packet's bytes are a view into the chunk.
 */
import type { RawPacket } from './raw-packet.js';
import type { ChunkWindow } from './chunk-window.js';
import { CaptureFileError } from './capture-error.js';
import { PCAP_MAGIC_MODIFIED, PCAP_MAGIC_NSEC, PCAP_MAGIC_USEC } from './capture-format-sniffer.js';
import { maxPacketBytesForLinktype } from './linktypes.js';
import { WTAP_ENCAP_BY_LINKTYPE } from './wtap-encap-table.js';

export const PCAP_FILE_HEADER_BYTES = 24;
export const PCAP_RECORD_HEADER_BYTES = 16;

/** How the incl_len/orig_len pair is laid out (old files had them the other way round). */
export type PcapLengthOrder = 'normal' | 'swapped' | 'swapped-if-caplen-bigger';

export interface PcapFileHeader {
  littleEndian: boolean;
  nanosecond: boolean;
  /** The patched magic a1b2cd34 (ss990915 and ss991029 record headers). */
  modified: boolean;
  versionMajor: number;
  versionMinor: number;
  snaplen: number;
  /** LINKTYPE_* with the FCS-length bits masked off. */
  linktype: number;
  /** FCS length in bytes when the header's FCS-length-present bit is set. */
  fcsLengthBytes: number | undefined;
  lengthOrder: PcapLengthOrder;
}

/**
 * Decode and check a pcap file header (at least 24 bytes). Throws a
 * CaptureFileError for versions and link-type fields wiretap refuses.
 */
export function parsePcapFileHeader(b: Uint8Array, name: string): PcapFileHeader {
  const magicLe = (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  const littleEndian = magicLe === PCAP_MAGIC_USEC || magicLe === PCAP_MAGIC_NSEC || magicLe === PCAP_MAGIC_MODIFIED;
  const magic = littleEndian ? magicLe : readU32(b, 0, false);
  const nanosecond = magic === PCAP_MAGIC_NSEC;
  const modified = magic === PCAP_MAGIC_MODIFIED;
  const versionMajor = readU16(b, 4, littleEndian);
  const versionMinor = readU16(b, 6, littleEndian);
  const snaplen = readU32(b, 16, littleEndian);
  const network = readU32(b, 20, littleEndian);
  if (versionMajor < 2) {
    throw new CaptureFileError('unsupported', name, 4, `pcap version ${versionMajor}.${versionMinor} is older than 2.0`);
  }
  // Bits 16-25 are reserved; bit 26 says bits 28-31 hold an FCS length in 16-bit units.
  if ((network & 0x03ff0000) !== 0) {
    throw new CaptureFileError('unsupported', name, 20, `pcap link-type field has reserved bits set (0x${network.toString(16).padStart(8, '0')})`);
  }
  const linktype = network & 0xffff;
  // wiretap refuses a link type it has no encapsulation for, before any record.
  if (!WTAP_ENCAP_BY_LINKTYPE.has(linktype)) {
    throw new CaptureFileError('unsupported', name, 20, `pcap network type ${linktype} unknown or unsupported`);
  }
  const fcsLengthBytes = (network & 0x04000000) !== 0 ? ((network >>> 28) & 0xf) * 2 : undefined;
  let lengthOrder: PcapLengthOrder = 'normal';
  if (versionMajor === 2 && versionMinor < 3) lengthOrder = 'swapped';
  else if (versionMajor === 2 && versionMinor === 3) lengthOrder = 'swapped-if-caplen-bigger';
  else if (versionMajor === 543) lengthOrder = 'swapped'; // DG/UX tcpdump
  return { littleEndian, nanosecond, modified, versionMajor, versionMinor, snaplen, linktype, fcsLengthBytes, lengthOrder };
}

/** Whether a record's incl_len and orig_len are the other way round (pre-2.3 files; 2.3 ones when incl_len is the larger). */
export function lengthsSwapped(order: PcapLengthOrder, incl: number, orig: number): boolean {
  return order === 'swapped' || (order === 'swapped-if-caplen-bigger' && incl > orig);
}

function readU16(b: Uint8Array, p: number, le: boolean): number {
  return le ? b[p]! | (b[p + 1]! << 8) : (b[p]! << 8) | b[p + 1]!;
}
export function readU32(b: Uint8Array, p: number, le: boolean): number {
  return le
    ? (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0
    : ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
}

/**
 * Turns the records of one pcap file into RawPackets. Stateless apart from
 * the frame counter, so it can run on whatever the window holds.
 */
export class PcapRecordParser {
  /** Frames delivered so far. */
  no = 0;
  /** Set when parse() met a damaged record; parse() then returns -1. */
  failure: CaptureFileError | undefined;

  private readonly maxPacketBytes: number;
  private readonly tsPrecision: number;

  constructor(
    private readonly header: PcapFileHeader,
    private readonly name: string,
    /** Overrides the per-link-type limit when given. */
    maxPacketBytes: number | undefined,
    /** Whether window offsets are file offsets (dataOffset), else -1. */
    private readonly seekable: boolean,
    /** Record header length: 16, or more for the variants (the first 16 bytes are the same in all). */
    private readonly recordHeaderLength = PCAP_RECORD_HEADER_BYTES,
  ) {
    this.maxPacketBytes = maxPacketBytes ?? maxPacketBytesForLinktype(header.linktype);
    this.tsPrecision = header.nanosecond ? 9 : 6;
  }

  /**
   * Append every complete record in the window to `out` and advance the
   * window. Returns how many bytes must be available at the window position
   * to go on, or -1 when the next record is damaged (see `failure`).
   */
  parse(w: ChunkWindow, out: RawPacket[]): number {
    const b = w.buf;
    const end = w.end;
    const ab = b.buffer;
    const bo = b.byteOffset;
    const base = w.base;
    const le = this.header.littleEndian;
    const nanosecond = this.header.nanosecond;
    const tsPrecision = this.tsPrecision;
    const linktype = this.header.linktype;
    const max = this.maxPacketBytes;
    const seekable = this.seekable;
    const reorder = this.header.lengthOrder !== 'normal';
    const hdrLen = this.recordHeaderLength;
    let no = this.no;
    let p = w.pos;
    let need = hdrLen;
    while (end - p >= hdrLen) {
      let sec: number, frac: number, incl: number, orig: number;
      if (le) {
        sec = (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
        frac = (b[p + 4] | (b[p + 5] << 8) | (b[p + 6] << 16) | (b[p + 7] << 24)) >>> 0;
        incl = (b[p + 8] | (b[p + 9] << 8) | (b[p + 10] << 16) | (b[p + 11] << 24)) >>> 0;
        orig = (b[p + 12] | (b[p + 13] << 8) | (b[p + 14] << 16) | (b[p + 15] << 24)) >>> 0;
      } else {
        sec = ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
        frac = ((b[p + 4] << 24) | (b[p + 5] << 16) | (b[p + 6] << 8) | b[p + 7]) >>> 0;
        incl = ((b[p + 8] << 24) | (b[p + 9] << 16) | (b[p + 10] << 8) | b[p + 11]) >>> 0;
        orig = ((b[p + 12] << 24) | (b[p + 13] << 16) | (b[p + 14] << 8) | b[p + 15]) >>> 0;
      }
      if (reorder && lengthsSwapped(this.header.lengthOrder, incl, orig)) {
        const t = incl;
        incl = orig;
        orig = t;
      }
      if (incl > max) {
        this.failure = new CaptureFileError(
          'corrupt',
          this.name,
          base + p,
          `record claims a ${incl}-byte packet, bigger than the maximum of ${max}`,
        );
        need = -1;
        break;
      }
      const data = p + hdrLen;
      if (end - data < incl) {
        need = hdrLen + incl;
        break;
      }
      out.push({
        no: ++no,
        tsSec: sec,
        // wiretap's 32-bit arithmetic: microseconds times 1000 wrap, and the result is a signed int (a damaged
        // record may show a negative or over-long fraction, as in tshark).
        tsNsec: nanosecond ? frac | 0 : Math.imul(frac, 1000),
        tsPrecision,
        caplen: incl,
        len: orig,
        linktype,
        interfaceId: 0,
        bytes: new Uint8Array(ab, bo + data, incl),
        dataOffset: seekable ? base + data : -1,
        comments: undefined,
      });
      p = data + incl;
    }
    w.pos = p;
    this.no = no;
    return need;
  }
}
