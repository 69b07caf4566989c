import { LINKTYPE_ETHERNET, LINKTYPE_IPV4, LINKTYPE_IPV6, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_LOOP, LINKTYPE_NULL, LINKTYPE_RAW, LINKTYPE_RAW_OPENBSD, LINKTYPE_USER0, LINKTYPE_USER15 } from '../capture/linktypes.js';

/**
 * Wiretap's encapsulation number for a pcap link type, which is what
 * frame.encap_type shows (pcap-common.c's table, for the types we read).
 */
export function wtapEncapOf(linktype: number): number {
  switch (linktype) {
    case LINKTYPE_ETHERNET: return 1;
    case LINKTYPE_NULL: return 15;
    case LINKTYPE_RAW: case LINKTYPE_RAW_OPENBSD: case 14: return 7;
    case LINKTYPE_LINUX_SLL: return 25;
    case LINKTYPE_LOOP: return 174;
    case LINKTYPE_IPV4: return 129;
    case LINKTYPE_IPV6: return 130;
    case LINKTYPE_LINUX_SLL2: return 210;
    default:
      // WTAP_ENCAP_USER0 to USER15.
      return linktype >= LINKTYPE_USER0 && linktype <= LINKTYPE_USER15 ? 45 + linktype - LINKTYPE_USER0 : -1;
  }
}

/** wtap_encap_description() for the encapsulations above (frame.encap_type's value names). */
export const WTAP_ENCAP_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'Ethernet'],
  [7, 'Raw IP'],
  [15, 'NULL/Loopback'],
  [25, 'Linux cooked-mode capture v1'],
  [129, 'Raw IPv4'],
  [130, 'Raw IPv6'],
  [174, 'OpenBSD loopback'],
  [210, 'Linux cooked-mode capture v2'],
  ...Array.from({ length: 16 }, (_, n): [number, string] => [45 + n, `USER ${n}`]),
]);
