import { addItem, isOwnNode } from '@netdissect/core';
import type { FieldNode, Tvb } from '@netdissect/core';
import { f } from './fields.js';
import { dsoTypeRanges, rangeName } from './value-strings.js';

const KEEPALIVE = 1;
const RETRY_DELAY = 2;
const ENCRYPTION_PADDING = 3;

/** DNS Stateful Operations (RFC 8490) TLVs, which replace the sections of a DSO message. Returns the bytes taken. */
export function dissectDso(tvb: Tvb, off: number, tree: FieldNode | null): number {
  const dso = addItem(tree, f.dso, tvb, off, -1);
  let cur = off;
  while (tvb.reportedRemaining(cur) >= 4) {
    const length = tvb.u16(cur + 2);
    const tlv = addItem(dso, f.dsoTlv, tvb, cur, length + 4);
    const type = tvb.u16(cur);
    addItem(tlv, f.dsoTlvType, tvb, cur, 2);
    if (isOwnNode(tlv, dso) && tlv.ctx.full) tlv.appendText(`: ${rangeName(dsoTypeRanges, type, 'Unknown Type')}`);
    addItem(tlv, f.dsoTlvLength, tvb, cur + 2, 2);
    cur += 4;
    switch (type) {
      case KEEPALIVE:
        addItem(tlv, f.dsoTlvKeepaliveInactivity, tvb, cur, 4);
        addItem(tlv, f.dsoTlvKeepaliveInterval, tvb, cur + 4, 4);
        cur += 8;
        break;
      case RETRY_DELAY:
        addItem(tlv, f.dsoTlvRetrydelay, tvb, cur, 4);
        cur += 4;
        break;
      default:
        if (length > 0) {
          addItem(tlv, type === ENCRYPTION_PADDING ? f.dsoTlvEncpadPadding : f.dsoTlvData, tvb, cur, length);
          cur += length;
        }
        break;
    }
  }
  if (isOwnNode(dso, tree)) dso.setLength(cur - off);
  return cur - off;
}
