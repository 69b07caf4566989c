/**
 * What a reader knows about the capture as a whole: its format, the
 * interfaces (link types, timestamp resolution) and the section comments.
 * For pcapng this grows while reading, as Interface Description Blocks and
 * new sections appear.
 */
import type { CaptureFormat } from './capture-format-sniffer.js';
import type { PcapVariant } from './pcap-variants.js';

/** File-level tsPrecision when interfaces disagree (wiretap's "per packet"). */
export const TS_PRECISION_PER_PACKET = -1;
/** File-level tsPrecision before any pcapng interface has been seen. */
export const TS_PRECISION_UNKNOWN = -2;

export interface CaptureInterface {
  /** pcapng section number (0-based); 0 for classic pcap. */
  section: number;
  /** Interface index within its section (what RawPacket.interfaceId refers to). */
  id: number;
  /** Index among all interfaces of the file, as wiretap numbers them across sections (frame.interface_id). */
  index: number;
  /** LINKTYPE_* of the interface. */
  linktype: number;
  /** Snapshot length (0 = no limit in pcapng). */
  snaplen: number;
  /** Timestamp units per second (1e6 for µs, 1e9 for ns, 2^k for binary resolutions). */
  unitsPerSecond: number;
  /** Decimal digits of precision as wiretap derives them from the resolution. */
  tsPrecision: number;
  /** if_tsoffset in seconds (already added to packet timestamps). */
  tsOffset: number;
  /** if_name, if present. */
  name?: string;
  /** if_description, if present. */
  description?: string;
  /** FCS length in bytes, when the file says (pcap linktype FCS bits, pcapng if_fcslen in bits / 8). */
  fcsLengthBytes?: number;
}

export interface CaptureSection {
  /** Byte offset of the Section Header Block. */
  offset: number;
  littleEndian: boolean;
  versionMajor: number;
  versionMinor: number;
  /** opt_comment values of the SHB. */
  comments: string[];
  /** shb_hardware, shb_os, shb_userappl when present. */
  hardware?: string;
  os?: string;
  userApplication?: string;
}

export interface CaptureInfo {
  format: CaptureFormat;
  /** Display name: the path, "-" for stdin, "(stream)" for a Readable. */
  name: string;
  /** The path when opened from a path other than "-". */
  path: string | undefined;
  /** Byte order of the file header (pcapng: of the first section). */
  littleEndian: boolean;
  versionMajor: number;
  versionMinor: number;
  /**
   * Timestamp precision for the whole file, in decimal digits: 6 or 9 for
   * pcap; for pcapng the common precision of all interfaces seen so far,
   * TS_PRECISION_PER_PACKET (-1) when they differ, TS_PRECISION_UNKNOWN (-2)
   * before the first interface.
   */
  tsPrecision: number;
  /** Classic pcap: snapshot length from the file header. */
  snaplen: number | undefined;
  /** Classic pcap: LINKTYPE_* from the file header (FCS bits masked off). */
  linktype: number | undefined;
  /** Classic pcap: the record-header variant the file is read as (wiretap's guess; pcap-variants.ts). */
  pcapVariant?: PcapVariant;
  /** All interfaces seen so far, in file order (pcap: one). */
  interfaces: CaptureInterface[];
  /** pcapng sections seen so far (empty for pcap). */
  sections: CaptureSection[];
  /** All SHB opt_comment values of the sections seen so far. */
  sectionComments: string[];
}
