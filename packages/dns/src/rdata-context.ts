import { type FieldNode, type PacketInfo, type Tvb, readDnsName, type DnsName, type NameBudget } from '@netdissect/core';
import type { DnsRData } from './message-types.js';

/**
 * What an RDATA decoder works with. Offsets are in `tvb`, the whole DNS
 * message; like Wireshark, decoders read at fixed offsets from the start
 * of the RDATA and may run past a too-short RDLENGTH into what follows.
 */
export interface RdataContext {
  readonly tvb: Tvb;
  readonly pinfo: PacketInfo;
  /** Where the message starts in `tvb` (after the TCP length prefix): compression pointers count from here. */
  readonly dataOffset: number;
  readonly maxPointers: number;
  readonly isMdns: boolean;
  readonly names: NameBudget;
  /** The record's subtree (its parent in a pruned tree), null when no tree is built. */
  readonly tree: FieldNode | null;
  /** The record's own item when labels are built, for summary text appended to it. */
  readonly item: FieldNode | null;
  /** The owner name as displayed. */
  readonly owner: string;
  /** CLASS and TTL as on the wire (OPT keeps its EDNS parameters there). */
  readonly rrClass: number;
  readonly rrTtl: number;
}

/** Decodes the RDATA of one record type at `off` (RDLENGTH `len`, never 0). */
export type RdataDecoder = (c: RdataContext, off: number, len: number) => DnsRData;

export function nameAt(c: RdataContext, off: number): DnsName {
  return readDnsName(c.tvb, off, c.dataOffset, c.maxPointers, c.names);
}

export function appendInfo(c: RdataContext, text: string): void {
  c.pinfo.cols.appendInfo(text);
}

/** proto_item_append_text on the record's item. */
export function appendSummary(c: RdataContext, text: string): void {
  c.item?.appendText(text);
}

/** The RDATA bytes as far as they were captured (for types kept raw in the typed message). */
export function rawRData(c: RdataContext, off: number, len: number): DnsRData {
  const n = Math.max(0, Math.min(len, c.tvb.remaining(off)));
  return { kind: 'raw', data: n > 0 ? c.tvb.copy(off, n) : new Uint8Array(0) };
}
