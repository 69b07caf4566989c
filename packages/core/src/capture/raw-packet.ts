import type { CaptureInterface } from './capture-info.js';

/**
 * One record as read from a capture file or a live interface, before any
 * dissection. `bytes` is a view into the reader's current chunk: it stays
 * valid only until the reader is asked for the next batch, so anything kept
 * longer must be copied.
 */
export interface RawPacket {
  /** 1-based frame number, counted across all sections of the file. */
  no: number;
  /** Whole seconds since the Unix epoch (may be negative for odd files). */
  tsSec: number;
  /** Nanoseconds within the second, 0..999_999_999; never rounded. */
  tsNsec: number;
  /**
   * Decimal digits of the timestamp's resolution as wiretap reports it
   * (6 for microsecond pcap, 9 for nanosecond pcap, pcapng from if_tsresol).
   */
  tsPrecision: number;
  /** Bytes captured (== bytes.length). */
  caplen: number;
  /** Length on the wire as the record gives it (an unsigned 32-bit number; see MAX_WIRE_LENGTH for frame.len). */
  len: number;
  /** LINKTYPE_* of the interface the packet came from. */
  linktype: number;
  /** pcapng interface index within its section (0 for classic pcap). */
  interfaceId: number;
  /**
   * The interface the packet arrived on (name, description, section): the
   * pcapng interface record, or the live interface; absent for classic pcap.
   */
  iface?: CaptureInterface;
  /**
   * pcapng: the index (from 0) of the section the packet block is in; its
   * `iface` may be another section's (tshark 4.0 borrows names across sections).
   */
  section?: number;
  /** The captured bytes. */
  bytes: Uint8Array;
  /** Byte offset in the file where the packet data (not the record header) starts; -1 when not from a seekable file. */
  dataOffset: number;
  /** pcapng opt_comment values of the packet block, if any. */
  comments?: string[];
  /** pcapng: frames lost before this one on its interface (epb_dropcount, or an obsolete Packet Block's drops count); absent when not recorded. */
  dropCount?: number | bigint;
  /** pcapng epb_queue: the interface queue the packet was received on. */
  interfaceQueue?: number;
  /** pcapng epb_flags: direction, reception type, FCS length and link-layer errors. */
  packFlags?: number;
  /** Bytes of frame check sequence the record says end the frame (epb_flags' FCS length, when not 0), for Ethernet. */
  fcsLen?: number;
  /** pcapng epb_packetid: an identifier the packet keeps across the interfaces it was captured on. */
  packetId?: number | bigint;
  /** False for records without a timestamp (pcapng Simple Packet and Custom Blocks); absent means true. */
  hasTimestamp?: boolean;
  /**
   * Set for a pcapng Custom Block, which tshark shows as a frame of its own:
   * `bytes` are the custom data and options after the PEN, linktype is -1;
   * `section` is the index of its section (from 0).
   */
  custom?: { pen: number; copyAllowed: boolean; section: number };
}

/**
 * The largest length on the wire the frame's data and frame.len take: a
 * record claiming more (4294967295 bytes) shows as 2147483647 there, while
 * the Length column and the statistics count what the record says.
 */
export const MAX_WIRE_LENGTH = 0x7fffffff;

/** A record's length on the wire as the frame dissector takes it (see MAX_WIRE_LENGTH). */
export function wireLength(len: number): number {
  return len > MAX_WIRE_LENGTH ? MAX_WIRE_LENGTH : len;
}
