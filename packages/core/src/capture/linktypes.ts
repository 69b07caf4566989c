/**
 * LINKTYPE_* values (the link-layer header type numbers stored in pcap file
 * headers and pcapng Interface Description Blocks), as registered at
 * tcpdump.org, plus the size limits wiretap applies per link type.
 */

export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
/** DLT_RAW as defined on OpenBSD and some other systems (raw IPv4/IPv6). */
export const LINKTYPE_RAW_OPENBSD = 12;
/** The registered raw-IP link type (IPv4 or IPv6, by the version nibble). */
export const LINKTYPE_RAW = 101;
/** OpenBSD's loopback: DLT_NULL's address family, in network byte order. */
export const LINKTYPE_LOOP = 108;
export const LINKTYPE_LINUX_SLL = 113;
/** DLT_USER0 to DLT_USER15: link types for private use. */
export const LINKTYPE_USER0 = 147;
export const LINKTYPE_USER15 = 162;
export const LINKTYPE_USB_FREEBSD = 186;
export const LINKTYPE_USB_LINUX = 189;
export const LINKTYPE_USB_LINUX_MMAPPED = 220;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_DBUS = 231;
export const LINKTYPE_USBPCAP = 249;
export const LINKTYPE_USB_DARWIN = 266;
export const LINKTYPE_LINUX_SLL2 = 276;
export const LINKTYPE_EBHSCR = 279;

/** Human-readable names for messages and summaries. */
export const LINKTYPE_NAMES: Readonly<Record<number, string>> = {
  [LINKTYPE_NULL]: 'BSD loopback (NULL)',
  [LINKTYPE_ETHERNET]: 'Ethernet',
  [LINKTYPE_RAW_OPENBSD]: 'Raw IP',
  [LINKTYPE_RAW]: 'Raw IP',
  [LINKTYPE_LOOP]: 'OpenBSD loopback (LOOP)',
  [LINKTYPE_LINUX_SLL]: 'Linux cooked capture v1 (SLL)',
  [LINKTYPE_USB_FREEBSD]: 'USB (FreeBSD)',
  [LINKTYPE_USB_LINUX]: 'USB (Linux)',
  [LINKTYPE_USB_LINUX_MMAPPED]: 'USB (Linux, memory-mapped)',
  [LINKTYPE_IPV4]: 'Raw IPv4',
  [LINKTYPE_IPV6]: 'Raw IPv6',
  [LINKTYPE_DBUS]: 'D-Bus',
  [LINKTYPE_USBPCAP]: 'USB (USBPcap)',
  [LINKTYPE_USB_DARWIN]: 'USB (Darwin)',
  [LINKTYPE_LINUX_SLL2]: 'Linux cooked capture v2 (SLL2)',
  [LINKTYPE_EBHSCR]: 'EBHSCR',
};

/** "Ethernet (1)", or "linktype 147" for types without a name here. */
export function linktypeName(linktype: number): string {
  const name = LINKTYPE_NAMES[linktype];
  return name === undefined ? `linktype ${linktype}` : `${name} (${linktype})`;
}

/** The largest packet wiretap accepts for most link types (256 KiB). */
export const MAX_PACKET_BYTES_STANDARD = 262_144;
/** D-Bus and USB captures may legitimately carry bigger records. */
export const MAX_PACKET_BYTES_USB = 128 * 1024 * 1024;
export const MAX_PACKET_BYTES_DBUS = 128 * 1024 * 1024;
export const MAX_PACKET_BYTES_EBHSCR = 8 * 1024 * 1024;

/**
 * The biggest captured length a record of this link type may claim before
 * the file is considered corrupt (the same per-type limits wiretap uses).
 */
export function maxPacketBytesForLinktype(linktype: number): number {
  switch (linktype) {
    case LINKTYPE_DBUS:
      return MAX_PACKET_BYTES_DBUS;
    case LINKTYPE_EBHSCR:
      return MAX_PACKET_BYTES_EBHSCR;
    case LINKTYPE_USBPCAP:
    case LINKTYPE_USB_LINUX:
    case LINKTYPE_USB_LINUX_MMAPPED:
    case LINKTYPE_USB_DARWIN:
    case LINKTYPE_USB_FREEBSD:
      return MAX_PACKET_BYTES_USB;
    default:
      return MAX_PACKET_BYTES_STANDARD;
  }
}
