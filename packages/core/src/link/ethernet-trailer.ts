import type { FieldDef } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import { ethFields } from './ethernet-fields.js';

/**
 * Bytes after the payload: zero padding up to the 60-byte minimum, then an
 * optional FCS and any other trailer (add_ethernet_trailer, with the
 * default "padding must be zeros" and FCS-guessing rules).
 */
export function addEthernetTrailer(pinfo: PacketInfo, headerTree: FieldNode | null, trailerField: FieldDef | null, trailer: Tvb, frameTvb: Tvb, fcsLen: number): void {
  let trailerLength = trailer.length;
  let trailerReported = trailer.reported;
  let padding = 0;
  const pktLen = pinfo.raw.len;
  const maybePadded = pktLen >= 60 && pktLen - trailerReported < 60;
  if (maybePadded) {
    padding = 60 - (pktLen - trailerReported);
    for (let i = 0; i < padding; i++) {
      if (!trailer.has(i, 1) || trailer.u8(i) !== 0) {
        padding = 0;
        break;
      }
    }
    if (padding > 0) {
      headerTree?.addItem(ethFields.padding, trailer, 0, padding);
      trailerLength -= padding;
      trailerReported -= padding;
    }
  }
  if (fcsLen !== 0) {
    if (fcsLen === 4 || (frameTvb.reported >= 64 && trailerReported >= 4)) {
      if (trailerLength < trailerReported) {
        trailerReported -= 4;
        if (trailerLength > trailerReported) trailerLength = trailerReported;
      } else {
        trailerLength -= 4;
        trailerReported -= 4;
      }
    }
  }
  if (trailerLength > 0 && trailerField && headerTree) {
    headerTree.addItem(trailerField, trailer, padding, trailerLength);
  }
}
