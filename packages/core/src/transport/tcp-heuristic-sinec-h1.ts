import { defineFields, defineProtocol, FT, BASE, vals } from '../fields/field-def.js';
import { makeDissector } from '../dissection/dissector.js';
import { defaultRegistry } from '../dissection/session.js';
import { dataDissector } from '../link/data.js';
import { hex2 } from '../link/hex.js';

/**
 * Sinec H1 (Siemens S5 over ISO transport), which Wireshark tries on every
 * TCP payload no other dissector claims (packet-h1.c). netdissect covers it
 * only so far as tshark shows it on ordinary captures: a payload that begins
 * with "S5" gets the H1 columns and tree items even when the blocks that
 * follow are not H1 and the heuristic then declines (it writes them before
 * it checks), and about one random payload in 65,536 begins so.
 */
export const hfH1 = defineProtocol('h1', 'Sinec H1 Protocol');

const EMPTY_BLOCK = 0xff, OPCODE_BLOCK = 0x01, REQUEST_BLOCK = 0x03, RESPONSE_BLOCK = 0x0f;
const blockTypes = vals({ [EMPTY_BLOCK]: 'Empty Block', [OPCODE_BLOCK]: 'Opcode Block', [REQUEST_BLOCK]: 'Request Block', [RESPONSE_BLOCK]: 'Response Block' });
const opcodes = vals({ 3: 'Write Request', 4: 'Write Response', 5: 'Read Request', 6: 'Read Response' });
const memoryTypes = vals({ 0x01: 'DB', 0x02: 'MB', 0x03: 'EB', 0x04: 'AB', 0x05: 'PB', 0x06: 'ZB', 0x07: 'TB', 0x08: 'BS', 0x09: 'AS', 0x0a: 'DX', 0x10: 'DE', 0x11: 'QB' });
const returnCodes = vals({ 0x00: 'No error', 0x02: 'Requested block does not exist', 0x03: 'Requested block too small', 0xff: 'Error, reason unknown' });

export const h1Fields = defineFields('h1', {
  header: { abbrev: 'h1.header', name: 'H1-Header', type: FT.UINT16, base: BASE.HEX },
  len: { abbrev: 'h1.len', name: 'Length indicator', type: FT.UINT16, base: BASE.DEC },
  blockType: { abbrev: 'h1.block_type', name: 'Block type', type: FT.UINT8, base: BASE.HEX, strings: blockTypes },
  blockLen: { abbrev: 'h1.block_len', name: 'Block length', type: FT.UINT8, base: BASE.DEC },
  opcode: { abbrev: 'h1.opcode', name: 'Opcode', type: FT.UINT8, base: BASE.HEX, strings: opcodes },
  org: { abbrev: 'h1.org', name: 'Memory type', type: FT.UINT8, base: BASE.HEX, strings: memoryTypes },
  dbnr: { abbrev: 'h1.dbnr', name: 'Memory block number', type: FT.UINT8, base: BASE.DEC },
  dwnr: { abbrev: 'h1.dwnr', name: 'Address within memory block', type: FT.UINT16, base: BASE.DEC },
  dlen: { abbrev: 'h1.dlen', name: 'Length in words', type: FT.INT16, base: BASE.DEC },
  responseValue: { abbrev: 'h1.resvalue', name: 'Response value', type: FT.UINT8, base: BASE.DEC, strings: returnCodes },
});

export const sinecH1Dissector = makeDissector('h1', 'H1', (tvb, pinfo, tree) => {
  if (tvb.length < 2 || tvb.u8(0) !== 0x53 || tvb.u8(1) !== 0x35) return 0;
  pinfo.cols.setProtocol('H1');
  pinfo.cols.setInfo('S5: ');
  const h1 = tree?.addProtocol(hfH1, tvb, 0, tvb.length) ?? null;
  h1?.addItem(h1Fields.header, tvb, 0, 2);
  const h1Len = tvb.u8(2);
  h1?.addItem(h1Fields.len, tvb, 2, 1);
  h1?.setLength(h1Len);
  let offset = 3;
  while (offset < h1Len) {
    const start = offset;
    const type = tvb.u8(offset);
    const blockLen = tvb.u8(offset + 1);
    // Not an H1 block: decline, leaving the columns and items written so far, as Wireshark does.
    if (!blockTypes.has(type)) return 0;
    if (blockLen === 0) break;
    const block = h1?.addText(tvb, offset, tvb.length - offset, blockTypes.get(type)!) ?? null;
    block?.addItem(h1Fields.blockType, tvb, offset, 1);
    block?.addItem(h1Fields.blockLen, tvb, offset + 1, 1);
    block?.setLength(blockLen);
    offset += 2;
    if (type === OPCODE_BLOCK) {
      block?.addItem(h1Fields.opcode, tvb, offset, 1);
      const op = tvb.u8(offset);
      pinfo.cols.appendInfo(opcodes.get(op) ?? `Unknown Opcode (0x${hex2(op)})`);
    } else if (type === REQUEST_BLOCK) {
      block?.addItem(h1Fields.org, tvb, offset, 1);
      const org = tvb.u8(offset);
      pinfo.cols.appendInfo(` ${memoryTypes.get(org) ?? `Unknown Type (0x${hex2(org)})`}`);
      block?.addItem(h1Fields.dbnr, tvb, offset + 1, 1);
      pinfo.cols.appendInfo(` ${tvb.u8(offset + 1)}`);
      block?.addItem(h1Fields.dwnr, tvb, offset + 2, 2);
      pinfo.cols.appendInfo(` DW ${tvb.u16(offset + 2)}`);
      block?.addItem(h1Fields.dlen, tvb, offset + 4, 2);
      pinfo.cols.appendInfo(` Count ${tvb.u16(offset + 4)}`);
    } else if (type === RESPONSE_BLOCK) {
      block?.addItem(h1Fields.responseValue, tvb, offset, 1);
      const code = tvb.u8(offset);
      // The closing parenthesis is missing in Wireshark's format too.
      pinfo.cols.appendInfo(` ${returnCodes.get(code) ?? `Unknown Returncode (0x${hex2(code)}`}`);
    }
    offset = start + blockLen;
  }
  if (tvb.reported - offset > 0) pinfo.call(dataDissector, tvb.sub(offset), tree);
  return tvb.length;
}, ['data']);
defaultRegistry.addHeuristic('tcp', sinecH1Dissector, 'Sinec H1 over TCP');
