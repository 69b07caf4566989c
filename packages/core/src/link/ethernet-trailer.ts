import type { FieldDef } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import { ethExpert, ethFields } from './ethernet-fields.js';

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
  // Unsigned in Wireshark: a trailer longer than the frame's wire length (captured length above it)
  // wraps the difference around, so no padding is looked for.
  const maybePadded = pktLen >= 60 && pktLen >= trailerReported && pktLen - trailerReported < 60;
  if (maybePadded) {
    padding = 60 - (pktLen - trailerReported);
    // Each byte of the would-be padding is read: one the capture cut off ends the dissection, as in Wireshark.
    for (let i = 0; i < padding; i++) {
      if (trailer.u8(i) !== 0) {
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
  let hasFcs = false;
  if (fcsLen !== 0) {
    if (fcsLen === 4 || (frameTvb.reported >= 64 && trailerReported >= 4)) {
      if (trailerLength < trailerReported) {
        trailerReported -= 4;
        if (trailerLength > trailerReported) trailerLength = trailerReported;
      } else {
        trailerLength -= 4;
        trailerReported -= 4;
      }
      hasFcs = true;
    }
  }
  if (trailerLength > 0 && trailerField) {
    const item = headerTree ? headerTree.addItem(trailerField, trailer, padding, trailerLength) : null;
    if (maybePadded && padding === 0) {
      pinfo.expert(item, ethExpert.paddingBad, "Didn't find padding of zeros, and an undecoded trailer exists. There may be padding of non-zeros.");
    }
  }
  if (hasFcs) {
    // FCS checking is off by default in Wireshark: shown, not verified. An FCS the capture cut off
    // ends the dissection as there ("[Packet size limited during capture: Ethertype truncated]"),
    // with or without a tree, since tshark's summary lines have one.
    const fcs = trailer.u32(padding + trailerLength);
    if (!headerTree) return;
    headerTree.add(ethFields.fcs, trailer, padding + trailerLength, 4, fcs).setValueText(`0x${fcs.toString(16).padStart(8, '0')} [unverified]`);
    headerTree.addGenerated(ethFields.fcsStatus, trailer, padding + trailerLength, 0, 2);
  }
}
