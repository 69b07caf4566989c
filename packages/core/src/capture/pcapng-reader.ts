/**
 * pcapng files: any number of sections (each with its own byte order and its
 * own interface numbering), Interface Description Blocks with their link type,
 * snapshot length, if_tsresol and if_tsoffset, and the three packet blocks
 * (Enhanced, Simple, obsolete Packet Block). Every other block type (name
 * resolution, statistics, decryption secrets, custom, unknown) is skipped by
 * its length. Blocks are parsed in place in the chunk window.
 *
 * Limits and checks follow wiretap (Wireshark 4.0): block lengths are rounded
 * up to a multiple of 4, may not exceed MAX_BLOCK_BYTES, must be at least the
 * fixed size of their type, and must match the trailing copy; a packet may not
 * claim more bytes than the per-link-type maximum.
 */
import type { RawPacket } from './raw-packet.js';
import type { ChunkWindow } from './chunk-window.js';
import type { CaptureInfo, CaptureInterface, CaptureSection } from './capture-info.js';
import { TS_PRECISION_PER_PACKET, TS_PRECISION_UNKNOWN } from './capture-info.js';
import { CaptureFileError } from './capture-error.js';
import { PCAPNG_BYTE_ORDER_MAGIC } from './capture-format-sniffer.js';
import { MAX_PACKET_BYTES_DBUS, maxPacketBytesForLinktype } from './linktypes.js';
import { padTo4 } from './pcapng-padding.js';
import { decodeUtf8 } from '../fields/utf8-decoding.js';

export const BLOCK_TYPE_SHB = 0x0a0d0d0a;
export const BLOCK_TYPE_IDB = 0x00000001;
export const BLOCK_TYPE_PB = 0x00000002;
export const BLOCK_TYPE_SPB = 0x00000003;
export const BLOCK_TYPE_NRB = 0x00000004;
export const BLOCK_TYPE_ISB = 0x00000005;
export const BLOCK_TYPE_EPB = 0x00000006;
export const BLOCK_TYPE_DSB = 0x0000000a;
export const BLOCK_TYPE_CB_COPY = 0x00000bad;
export const BLOCK_TYPE_CB_NO_COPY = 0x40000bad;

export const OPT_ENDOFOPT = 0;
export const OPT_COMMENT = 1;
export const OPT_SHB_HARDWARE = 2;
export const OPT_SHB_OS = 3;
export const OPT_SHB_USERAPPL = 4;
export const OPT_IF_NAME = 2;
export const OPT_IF_DESCRIPTION = 3;
export const OPT_IF_TSRESOL = 9;
export const OPT_IF_FCSLEN = 13;
export const OPT_IF_TSOFFSET = 14;
export const OPT_EPB_FLAGS = 2;
export const OPT_EPB_DROPCOUNT = 4;
export const OPT_EPB_PACKETID = 5;
export const OPT_EPB_QUEUE = 6;

/** The packet block options wiretap checks the size of (a wrong one makes the file bad), with their names in its message. */
const EPB_OPTION_SIZES: ReadonlyMap<number, [number, string]> = new Map([
  [OPT_EPB_FLAGS, [4, 'flags']],
  [OPT_EPB_DROPCOUNT, [8, 'drop count']],
  [OPT_EPB_PACKETID, [8, 'packet id']],
  [OPT_EPB_QUEUE, [4, 'queue']],
]);
/** An obsolete Packet Block's drops count that says it is not known. */
const PB_DROPS_UNKNOWN = 0xffff;

/** Block header (type + length) plus the trailing length copy. */
const BLOCK_OVERHEAD = 12;
const MIN_SHB_BYTES = BLOCK_OVERHEAD + 16;
const MIN_IDB_BYTES = BLOCK_OVERHEAD + 8;
const MIN_EPB_BYTES = BLOCK_OVERHEAD + 20;
const MIN_PB_BYTES = BLOCK_OVERHEAD + 20;
const MIN_SPB_BYTES = BLOCK_OVERHEAD + 4;
const MIN_NRB_BYTES = BLOCK_OVERHEAD + 4;
const MIN_ISB_BYTES = BLOCK_OVERHEAD + 12;
const MIN_DSB_BYTES = BLOCK_OVERHEAD + 8;
const MIN_CB_BYTES = BLOCK_OVERHEAD + 4;

/**
 * The biggest block accepted at all: an EPB with a maximum-size D-Bus packet
 * plus 128 KiB of options (wiretap's limit).
 */
export const MAX_BLOCK_BYTES = MIN_EPB_BYTES + MAX_PACKET_BYTES_DBUS + 131_072;

const TWO_32 = 4294967296;
const TWO_37 = 137438953472;
const BILLION = 1_000_000_000;

/** Per-interface state the packet path needs, precomputed from the IDB. */
interface InterfaceState {
  readonly info: CaptureInterface;
  readonly linktype: number;
  readonly snaplen: number;
  readonly maxPacketBytes: number;
  readonly tsPrecision: number;
  /** Units per second as a number (exact when `unitsExact`). */
  readonly units: number;
  readonly unitsBig: bigint;
  /** units is an integer below 2^53, so double arithmetic on it is exact. */
  readonly unitsExact: boolean;
  /** 2^11 <= units < 2^37: 64-bit timestamps can be divided in 16-bit steps. */
  readonly unitsLongDivision: boolean;
  /** units = 10^k with k <= 9: nsec = remainder * nsecMul. 0 otherwise. */
  readonly nsecMul: number;
  /** units = 10^10: nsec = floor(remainder / nsecDiv). 0 otherwise. */
  readonly nsecDiv: number;
  /** if_tsoffset in seconds. */
  readonly tsOffset: number;
  readonly tsOffsetBig: bigint;
}

interface SectionState {
  readonly index: number;
  readonly littleEndian: boolean;
  readonly interfaces: InterfaceState[];
}


/** wiretap's mapping from units per second to decimal digits of precision. */
export function tsPrecisionForUnits(unitsPerSecond: number): number {
  if (unitsPerSecond >= 1e9) return 9;
  if (unitsPerSecond >= 1e6) return 6;
  if (unitsPerSecond >= 1e3) return 3;
  if (unitsPerSecond >= 100) return 2;
  if (unitsPerSecond >= 10) return 1;
  return 0;
}

/** Units per second for an if_tsresol byte (bit 7: power of 2, else power of 10). */
export function unitsForTsresol(tsresol: number): bigint {
  const exponent = tsresol & 0x7f;
  if (tsresol & 0x80) return exponent < 64 ? 1n << BigInt(exponent) : 0xffffffffffffffffn;
  return exponent < 20 ? 10n ** BigInt(exponent) : 0xffffffffffffffffn;
}

function makeInterfaceState(info: CaptureInterface, unitsBig: bigint, tsOffsetBig: bigint, maxOverride: number | undefined): InterfaceState {
  const units = Number(unitsBig);
  const unitsExact = unitsBig <= 9007199254740991n;
  let nsecMul = 0;
  let nsecDiv = 0;
  for (let k = 0, p = 1n; k <= 15; k++, p *= 10n) {
    if (p === unitsBig) {
      if (k <= 9) nsecMul = 10 ** (9 - k);
      // Finer units go the general way: wiretap's remainder times 10^9 wraps at 64 bits from 10^11 a second on.
      else if (k === 10) nsecDiv = 10;
      break;
    }
  }
  return {
    info,
    linktype: info.linktype,
    snaplen: info.snaplen,
    maxPacketBytes: maxOverride ?? maxPacketBytesForLinktype(info.linktype),
    tsPrecision: info.tsPrecision,
    units,
    unitsBig,
    unitsExact,
    unitsLongDivision: unitsExact && units >= 2048 && units < TWO_37,
    nsecMul,
    nsecDiv,
    tsOffset: Number(tsOffsetBig),
    tsOffsetBig,
  };
}

/** An option found in a block's option area. */
interface OptionRef {
  code: number;
  start: number;
  length: number;
}

export class PcapngBlockParser {
  /** Frames delivered so far, across all sections. */
  no = 0;
  /** Set when parse() met a damaged block; parse() then returns -1. */
  failure: CaptureFileError | undefined;

  private section: SectionState | undefined;
  private sectionCount = 0;
  // Scratch results of the timestamp conversion (avoids an object per packet).
  private tsSec = 0;
  private tsNsec = 0;

  constructor(
    /** Updated in place as sections and interfaces appear. */
    private readonly info: CaptureInfo,
    private readonly name: string,
    private readonly maxPacketBytes: number | undefined,
    private readonly seekable: boolean,
  ) {}

  /**
   * Append the packets of every complete block in the window to `out` and
   * advance the window past all blocks handled. Returns the number of bytes
   * needed at the window position to go on, 0 when `stopAtPacket` is set and
   * the next block is a packet block, or -1 when the next block is damaged
   * (see `failure`).
   */
  parse(w: ChunkWindow, out: RawPacket[], stopAtPacket = false): number {
    const b = w.buf;
    const end = w.end;
    const base = w.base;
    let p = w.pos;
    let need = 8;
    for (;;) {
      const avail = end - p;
      if (avail < 8) {
        need = 8;
        break;
      }
      let section = this.section;
      let le: boolean;
      let type: number;
      if (b[p] === 0x0a && b[p + 1] === 0x0d && b[p + 2] === 0x0d && b[p + 3] === 0x0a) {
        // A Section Header Block is read in its own byte order, given by its magic.
        type = BLOCK_TYPE_SHB;
        if (avail < 12) {
          need = 12;
          break;
        }
        const bom = u32(b, p + 8, true);
        if (bom === PCAPNG_BYTE_ORDER_MAGIC) le = true;
        else if (u32(b, p + 8, false) === PCAPNG_BYTE_ORDER_MAGIC) le = false;
        else {
          need = this.fail(base + p, `section header block has an unknown byte-order magic 0x${bom.toString(16).padStart(8, '0')}`);
          break;
        }
      } else {
        if (section === undefined) {
          need = this.fail(base + p, 'the first block is not a section header block');
          break;
        }
        le = section.littleEndian;
        type = u32(b, p, le);
      }
      let len = u32(b, p + 4, le);
      len = padTo4(len);
      const min = minimumBlockBytes(type);
      if (len < min) {
        need = this.fail(base + p, `block of type 0x${hex8(type)} has total length ${len}, less than the minimum of ${min}`);
        break;
      }
      if (len > MAX_BLOCK_BYTES) {
        need = this.fail(base + p, `block of type 0x${hex8(type)} claims a total length of ${len} bytes, more than the maximum of ${MAX_BLOCK_BYTES}`);
        break;
      }

      if (type === BLOCK_TYPE_EPB || type === BLOCK_TYPE_PB || type === BLOCK_TYPE_SPB) {
        if (stopAtPacket) {
          need = 0;
          break;
        }
        section = section as SectionState;
        const enhanced = type === BLOCK_TYPE_EPB;
        const simple = type === BLOCK_TYPE_SPB;
        const fixed = simple ? 12 : 28;
        if (avail < fixed) {
          need = fixed;
          break;
        }
        let ifId: number, hi: number, lo: number, caplen: number, origLen: number;
        // The packet data padded to 32 bits: after it come the options (or, in a simple packet block, the trailer).
        let dataBytes: number;
        let iface: InterfaceState | undefined;
        if (simple) {
          iface = section.interfaces[0];
          if (iface === undefined) {
            need = this.fail(base + p, 'simple packet block appears before any interface description block in its section');
            break;
          }
          ifId = 0;
          hi = 0;
          lo = 0;
          origLen = u32(b, p + 8, le);
          caplen = origLen;
          if (iface.snaplen !== 0 && caplen > iface.snaplen) caplen = iface.snaplen;
          dataBytes = padTo4(caplen);
          if (len < MIN_SPB_BYTES + dataBytes) {
            need = this.fail(base + p, `simple packet block total length ${len} is too small for ${caplen} bytes of packet data`);
            break;
          }
        } else {
          if (enhanced) {
            ifId = u32(b, p + 8, le);
          } else {
            ifId = le ? b[p + 8] | (b[p + 9] << 8) : (b[p + 8] << 8) | b[p + 9];
          }
          hi = u32(b, p + 12, le);
          lo = u32(b, p + 16, le);
          caplen = u32(b, p + 20, le);
          origLen = u32(b, p + 24, le);
          dataBytes = padTo4(caplen);
          if (len < MIN_EPB_BYTES + dataBytes) {
            need = this.fail(base + p, `${enhanced ? 'enhanced packet block' : 'packet block'} total length ${len} is too small for ${caplen} bytes of packet data`);
            break;
          }
          iface = section.interfaces[ifId];
          if (iface === undefined) {
            const declared = section.interfaces.length;
            need = this.fail(base + p, `packet block refers to interface ${ifId}, but its section declares ${declared} interface${declared === 1 ? '' : 's'}`);
            break;
          }
        }
        if (caplen > iface.maxPacketBytes) {
          need = this.fail(base + p, `block claims a ${caplen}-byte packet, bigger than the maximum of ${iface.maxPacketBytes}`);
          break;
        }
        if (avail < len) {
          need = len;
          break;
        }
        // A simple packet block has no options: wiretap reads its trailer right after the padded packet data, so
        // bytes the total length holds beyond them make the two lengths disagree.
        const t = simple ? p + MIN_SPB_BYTES - 4 + dataBytes : p + len - 4;
        const trailer = padTo4(le
          ? (b[t] | (b[t + 1] << 8) | (b[t + 2] << 16) | (b[t + 3] << 24)) >>> 0
          : ((b[t] << 24) | (b[t + 1] << 16) | (b[t + 2] << 8) | b[t + 3]) >>> 0);
        if (trailer !== len) {
          need = this.failTrailer(b, p, len, t, le, base);
          break;
        }
        let comments: string[] | undefined;
        let dropCount: number | bigint | undefined;
        let packetId: number | bigint | undefined;
        let packFlags: number | undefined;
        let queue: number | undefined;
        const data = p + fixed;
        if (!simple) {
          if (!enhanced) {
            const drops = le ? b[p + 10] | (b[p + 11] << 8) : (b[p + 10] << 8) | b[p + 11];
            if (drops !== PB_DROPS_UNKNOWN) dropCount = drops;
          }
          const optStart = data + dataBytes;
          const optEnd = p + len - 4;
          if (optStart < optEnd) {
            const options = this.readOptions(b, optStart, optEnd, le, base + p);
            if (options === undefined) {
              need = -1;
              break;
            }
            let badOption: OptionRef | undefined;
            let dropOption = false;
            for (const o of options) {
              const size = EPB_OPTION_SIZES.get(o.code);
              if (size !== undefined && o.length !== size[0]) {
                badOption = o;
                break;
              }
              if (o.code === OPT_COMMENT) (comments ??= []).push(optionString(b, o));
              // The first of each counts; a drop count option stands for the Packet Block's field.
              else if (o.code === OPT_EPB_DROPCOUNT && !dropOption) {
                dropOption = true;
                dropCount = u64(b, o.start, le);
              } else if (o.code === OPT_EPB_PACKETID && packetId === undefined) packetId = u64(b, o.start, le);
              else if (o.code === OPT_EPB_FLAGS && packFlags === undefined) packFlags = u32(b, o.start, le);
              else if (o.code === OPT_EPB_QUEUE && queue === undefined) queue = u32(b, o.start, le);
            }
            if (badOption !== undefined) {
              const [size, what] = EPB_OPTION_SIZES.get(badOption.code)!;
              need = this.fail(base + p, `packet block ${what} option length ${badOption.length} is not ${size}`);
              break;
            }
          }
          this.convertTimestamp(iface, hi, lo);
        } else {
          this.tsSec = 0;
          this.tsNsec = 0;
        }
        const packet: RawPacket = {
          no: ++this.no,
          tsSec: this.tsSec,
          tsNsec: this.tsNsec,
          tsPrecision: iface.tsPrecision,
          caplen,
          len: origLen,
          linktype: iface.linktype,
          interfaceId: ifId,
          // tshark 4.0 names a packet's interface by its index within its section, looked up
          // among all the file's interfaces (so later sections borrow the first section's names).
          iface: this.info.interfaces[ifId] ?? iface.info,
          section: section.index,
          bytes: new Uint8Array(b.buffer, b.byteOffset + data, caplen),
          dataOffset: this.seekable ? base + data : -1,
          comments,
        };
        if (simple) packet.hasTimestamp = false;
        if (dropCount !== undefined) packet.dropCount = dropCount;
        if (packetId !== undefined) packet.packetId = packetId;
        if (queue !== undefined) packet.interfaceQueue = queue;
        if (packFlags !== undefined) {
          packet.packFlags = packFlags;
          const fcsLen = (packFlags >>> 5) & 0xf;
          if (fcsLen !== 0) packet.fcsLen = fcsLen;
        }
        out.push(packet);
        p += len;
        continue;
      }

      if (avail < len) {
        need = len;
        break;
      }
      if (!this.trailerMatches(b, p, len, le)) {
        need = this.failTrailer(b, p, len, p + len - 4, le, base);
        break;
      }
      if (type === BLOCK_TYPE_SHB) {
        if (!this.readSectionHeader(b, p, len, le, base)) {
          need = -1;
          break;
        }
      } else if (type === BLOCK_TYPE_IDB) {
        if (!this.readInterfaceDescription(b, p, len, section as SectionState, base)) {
          need = -1;
          break;
        }
      } else if ((type === BLOCK_TYPE_CB_COPY || type === BLOCK_TYPE_CB_NO_COPY) && len >= 16) {
        if (stopAtPacket) {
          need = 0;
          break;
        }
        // wiretap delivers custom blocks as records, and tshark numbers them as frames.
        const body = len - 16;
        out.push({
          no: ++this.no,
          // No time of its own: wiretap leaves the last packet's in the record it reuses (pinfo->abs_ts, which stats trees read).
          tsSec: this.tsSec,
          tsNsec: this.tsNsec,
          tsPrecision: 6,
          caplen: body,
          len: body,
          linktype: -1,
          interfaceId: 0,
          bytes: new Uint8Array(b.buffer, b.byteOffset + p + 12, body),
          dataOffset: this.seekable ? base + p + 12 : -1,
          hasTimestamp: false,
          custom: { pen: u32(b, p + 8, le), copyAllowed: type === BLOCK_TYPE_CB_COPY, section: section?.index ?? 0 },
        });
      }
      // Everything else (NRB, ISB, DSB, unknown) is skipped.
      p += len;
    }
    w.pos = p;
    return need;
  }

  private fail(offset: number, detail: string, kind: 'corrupt' | 'unsupported' = 'corrupt'): number {
    this.failure = new CaptureFileError(kind, this.name, offset, detail);
    return -1;
  }

  private trailerMatches(b: Uint8Array, p: number, len: number, le: boolean): boolean {
    return padTo4(u32(b, p + len - 4, le)) === len;
  }

  private failTrailer(b: Uint8Array, p: number, len: number, at: number, le: boolean, base: number): number {
    const trailer = u32(b, at, le);
    return this.fail(base + p, `block total lengths don't match (first ${len}, second ${trailer})`);
  }

  /** Timestamp units -> (tsSec, tsNsec), exact: doubles while they are exact, BigInt beyond. */
  private convertTimestamp(t: InterfaceState, hi: number, lo: number): void {
    let sec: number;
    let rem: number;
    if (hi < 0x200000 && t.unitsExact) {
      // Below 2^53: the 64-bit value itself is an exact double.
      const ts = hi * TWO_32 + lo;
      rem = ts % t.units;
      sec = (ts - rem) / t.units;
    } else if (t.unitsLongDivision) {
      // Long division in base 2^16; every intermediate stays below 2^53.
      const u = t.units;
      const r0 = hi % u;
      const q0 = (hi - r0) / u;
      const x1 = r0 * 65536 + (lo >>> 16);
      const r1 = x1 % u;
      const q1 = (x1 - r1) / u;
      const x2 = r1 * 65536 + (lo & 0xffff);
      rem = x2 % u;
      sec = q0 * TWO_32 + q1 * 65536 + (x2 - rem) / u;
    } else {
      this.convertTimestampBig(t, hi, lo);
      return;
    }
    let nsec: number;
    if (t.nsecMul !== 0) nsec = rem * t.nsecMul;
    else if (t.nsecDiv !== 0) nsec = (rem - (rem % t.nsecDiv)) / t.nsecDiv;
    else {
      const scaled = rem * BILLION;
      if (scaled > Number.MAX_SAFE_INTEGER) {
        this.convertTimestampBig(t, hi, lo);
        return;
      }
      nsec = (scaled - (scaled % t.units)) / t.units;
    }
    this.tsSec = sec + t.tsOffset;
    this.tsNsec = nsec;
  }

  private convertTimestampBig(t: InterfaceState, hi: number, lo: number): void {
    const ts = (BigInt(hi) << 32n) | BigInt(lo);
    const u = t.unitsBig;
    this.tsSec = Number(ts / u + t.tsOffsetBig);
    // wiretap multiplies in 64 bits: with more than about 1.8e10 units a second the product wraps, as here.
    this.tsNsec = Number((((ts % u) * 1_000_000_000n) & 0xffffffffffffffffn) / u);
  }

  /**
   * Walk an option area. Returns undefined (and sets `failure`) when an
   * option runs past the end of the area, as wiretap does.
   */
  private readOptions(b: Uint8Array, start: number, stop: number, le: boolean, blockOffset: number): OptionRef[] | undefined {
    const options: OptionRef[] = [];
    let p = start;
    while (p < stop) {
      if (stop - p < 4) {
        this.fail(blockOffset, 'not enough room for an option header');
        return undefined;
      }
      const code = le ? b[p] | (b[p + 1] << 8) : (b[p] << 8) | b[p + 1];
      const length = le ? b[p + 2] | (b[p + 3] << 8) : (b[p + 2] << 8) | b[p + 3];
      p += 4;
      const padded = padTo4(length);
      if (padded > stop - p) {
        this.fail(blockOffset, `option ${code} of length ${length} runs past the end of the block`);
        return undefined;
      }
      if (code === OPT_ENDOFOPT) break;
      options.push({ code, start: p, length });
      p += padded;
    }
    return options;
  }

  private readSectionHeader(b: Uint8Array, p: number, len: number, le: boolean, base: number): boolean {
    const versionMajor = le ? b[p + 12] | (b[p + 13] << 8) : (b[p + 12] << 8) | b[p + 13];
    const versionMinor = le ? b[p + 14] | (b[p + 15] << 8) : (b[p + 14] << 8) | b[p + 15];
    if (!(versionMajor === 1 && (versionMinor === 0 || versionMinor === 2))) {
      this.fail(base + p, `pcapng section version ${versionMajor}.${versionMinor} is not supported`, 'unsupported');
      return false;
    }
    const options = this.readOptions(b, p + MIN_SHB_BYTES - 4, p + len - 4, le, base + p);
    if (options === undefined) return false;
    const shb: CaptureSection = { offset: base + p, littleEndian: le, versionMajor, versionMinor, comments: [] };
    for (const o of options) {
      const text = () => optionString(b, o);
      if (o.code === OPT_COMMENT) shb.comments.push(text());
      else if (o.code === OPT_SHB_HARDWARE) shb.hardware ??= text();
      else if (o.code === OPT_SHB_OS) shb.os ??= text();
      else if (o.code === OPT_SHB_USERAPPL) shb.userApplication ??= text();
    }
    this.section = { index: this.sectionCount++, littleEndian: le, interfaces: [] };
    this.info.sections.push(shb);
    this.info.sectionComments.push(...shb.comments);
    return true;
  }

  private readInterfaceDescription(b: Uint8Array, p: number, len: number, section: SectionState, base: number): boolean {
    const le = section.littleEndian;
    const linktype = le ? b[p + 8] | (b[p + 9] << 8) : (b[p + 8] << 8) | b[p + 9];
    const snaplen = u32(b, p + 12, le);
    const options = this.readOptions(b, p + MIN_IDB_BYTES - 4, p + len - 4, le, base + p);
    if (options === undefined) return false;
    let tsresol: number | undefined;
    let tsOffset: bigint | undefined;
    let name: string | undefined;
    let description: string | undefined;
    let fcsBits: number | undefined;
    for (const o of options) {
      // Like wiretap: a fixed-size option with the wrong size is ignored, the first occurrence wins.
      if (o.code === OPT_IF_TSRESOL && o.length === 1) tsresol ??= b[o.start];
      else if (o.code === OPT_IF_TSOFFSET && o.length === 8) {
        if (tsOffset === undefined) {
          const first = u32(b, o.start, le);
          const second = u32(b, o.start + 4, le);
          const raw = le ? (BigInt(second) << 32n) | BigInt(first) : (BigInt(first) << 32n) | BigInt(second);
          tsOffset = BigInt.asIntN(64, raw);
        }
      } else if (o.code === OPT_IF_NAME) name ??= optionString(b, o);
      else if (o.code === OPT_IF_DESCRIPTION) description ??= optionString(b, o);
      else if (o.code === OPT_IF_FCSLEN && o.length === 1) fcsBits ??= b[o.start];
    }
    const unitsBig = tsresol === undefined ? 1_000_000n : unitsForTsresol(tsresol);
    const units = Number(unitsBig);
    const info: CaptureInterface = {
      section: section.index,
      id: section.interfaces.length,
      index: this.info.interfaces.length,
      linktype,
      snaplen,
      unitsPerSecond: units,
      tsPrecision: tsPrecisionForUnits(units),
      tsOffset: Number(tsOffset ?? 0n),
    };
    if (name !== undefined) info.name = name;
    if (description !== undefined) info.description = description;
    if (fcsBits !== undefined) info.fcsLengthBytes = fcsBits / 8;
    section.interfaces.push(makeInterfaceState(info, unitsBig, tsOffset ?? 0n, this.maxPacketBytes));
    this.info.interfaces.push(info);
    if (this.info.tsPrecision === TS_PRECISION_UNKNOWN) this.info.tsPrecision = info.tsPrecision;
    else if (this.info.tsPrecision !== info.tsPrecision) this.info.tsPrecision = TS_PRECISION_PER_PACKET;
    return true;
  }
}

/** A 64-bit unsigned option value: a number while it is exact, else a bigint. */
function u64(b: Uint8Array, p: number, le: boolean): number | bigint {
  const v = new DataView(b.buffer, b.byteOffset + p, 8).getBigUint64(0, le);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function u32(b: Uint8Array, p: number, le: boolean): number {
  return le
    ? (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0
    : ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
}

/** A string option: UTF-8, ending at the first NUL if the writer left one (as wiretap reads it). */
function optionString(b: Uint8Array, o: OptionRef): string {
  let stop = o.start;
  const limit = o.start + o.length;
  while (stop < limit && b[stop] !== 0) stop++;
  return decodeUtf8(b.subarray(o.start, stop));
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

function minimumBlockBytes(type: number): number {
  switch (type) {
    case BLOCK_TYPE_SHB:
      return MIN_SHB_BYTES;
    case BLOCK_TYPE_IDB:
      return MIN_IDB_BYTES;
    case BLOCK_TYPE_EPB:
      return MIN_EPB_BYTES;
    case BLOCK_TYPE_PB:
      return MIN_PB_BYTES;
    case BLOCK_TYPE_SPB:
      return MIN_SPB_BYTES;
    case BLOCK_TYPE_NRB:
      return MIN_NRB_BYTES;
    case BLOCK_TYPE_ISB:
      return MIN_ISB_BYTES;
    case BLOCK_TYPE_DSB:
      return MIN_DSB_BYTES;
    case BLOCK_TYPE_CB_COPY:
    case BLOCK_TYPE_CB_NO_COPY:
      return MIN_CB_BYTES;
    default:
      return BLOCK_OVERHEAD;
  }
}
