import { bytesEqual, findLineEnd, isAsciiSpace, readAscii, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';
import { addAsciiItem, findByte } from './imf-address.js';
import { imfExpert, imfFields } from './imf-fields.js';

/**
 * An SIO-Label header (draft-zeilenga-email-seclabel): ';'-separated
 * attributes marking, fgcolor, bgcolor, type and label (dissect_imf_siolabel).
 * The ESS/X.411 label it may carry is not decoded.
 */
export function dissectSioLabel(tvb: Tvb, off: number, len: number, item: FieldNode, pinfo: PacketInfo): void {
  let itemOff = off;
  let semi: number;
  do {
    semi = findByte(tvb, itemOff, len - (itemOff - off), 0x3b);
    while (isAsciiSpace(tvb.u8(itemOff))) itemOff++;
    let itemLen: number;
    if (semi === -1) {
      const rest = len - (itemOff - off);
      const le = findLineEnd(tvb.sub(0, Math.min(tvb.length, itemOff + Math.max(0, rest))), itemOff);
      itemLen = le.len;
    } else {
      itemLen = semi - itemOff;
    }
    let valueOff = findByte(tvb, itemOff, len - (itemOff - off), 0x3d) + 1;
    while (isAsciiSpace(tvb.u8(valueOff))) valueOff++;
    let valueLen = itemLen - (valueOff - itemOff);
    while (isAsciiSpace(tvb.u8(valueOff + valueLen - 1))) valueLen--;
    if (bytesEqual(tvb, itemOff, 'marking')) {
      addAsciiItem(item, imfFields.siolabelMarking, tvb, valueOff, valueLen);
      if (item.ctx.full) item.appendText(`: ${readAscii(tvb, valueOff, Math.max(0, valueLen))}`);
    } else if (bytesEqual(tvb, itemOff, 'fgcolor')) {
      addAsciiItem(item, imfFields.siolabelFgcolor, tvb, valueOff, valueLen);
    } else if (bytesEqual(tvb, itemOff, 'bgcolor')) {
      addAsciiItem(item, imfFields.siolabelBgcolor, tvb, valueOff, valueLen);
    } else if (bytesEqual(tvb, itemOff, 'type')) {
      addAsciiItem(item, imfFields.siolabelType, tvb, valueOff, valueLen);
    } else if (bytesEqual(tvb, itemOff, 'label')) {
      addAsciiItem(item, imfFields.siolabelLabel, tvb, valueOff, valueLen);
    } else {
      const unknown = addAsciiItem(item, imfFields.siolabelUnknown, tvb, itemOff, itemLen);
      pinfo.expert(unknown, imfExpert.unknownParam);
    }
    if (semi !== -1) itemOff = semi + 1;
  } while (semi !== -1);
}
