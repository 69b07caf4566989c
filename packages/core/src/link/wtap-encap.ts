import { WTAP_ENCAP_BY_LINKTYPE, WTAP_ENCAP_DESCRIPTIONS } from '../capture/wtap-encap-table.js';

/** WTAP_ENCAP_UNKNOWN: a link type wiretap has no encapsulation for (a pcapng interface may still have one). */
export const WTAP_ENCAP_UNKNOWN = 0;

/** Wiretap's encapsulation number for a pcap link type, which is what frame.encap_type shows. */
export function wtapEncapOf(linktype: number): number {
  return WTAP_ENCAP_BY_LINKTYPE.get(linktype) ?? WTAP_ENCAP_UNKNOWN;
}

/** wtap_encap_description() (frame.encap_type's value names). */
export const WTAP_ENCAP_NAMES: ReadonlyMap<number, string> = new Map([[WTAP_ENCAP_UNKNOWN, 'Unknown'], ...WTAP_ENCAP_DESCRIPTIONS]);
