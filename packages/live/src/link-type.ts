import { LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_NULL, LINKTYPE_RAW } from '@netdissect/core';
import { LiveCaptureError } from './live-capture-error.js';

const LINKTYPE_IEEE802_11_RADIOTAP = 127;

/** The names cap's open() returns for the DLTs it knows. */
const BY_CAP_NAME: Readonly<Record<string, number>> = {
  NULL: LINKTYPE_NULL,
  ETHERNET: LINKTYPE_ETHERNET,
  IEEE802_11_RADIO: LINKTYPE_IEEE802_11_RADIOTAP,
  LINKTYPE_LINUX_SLL: LINKTYPE_LINUX_SLL,
  // DLT_RAW differs between platforms (12 or 14); its LINKTYPE is 101.
  RAW: LINKTYPE_RAW,
};

/**
 * LINKTYPE_* of an open capture from cap's open() result: a name for the
 * common DLTs, "Unknown linktype N" for the rest, where N is the DLT, which
 * equals the LINKTYPE for every other type libpcap opens on Linux.
 */
export function linktypeFromCap(device: string, result: string): number {
  const known = BY_CAP_NAME[result];
  if (known !== undefined) return known;
  const m = /^Unknown linktype (\d+)$/.exec(result);
  if (!m) throw new LiveCaptureError('capture-failed', `cannot capture on "${device}": unexpected link type ${JSON.stringify(result)}`);
  return Number(m[1]);
}
