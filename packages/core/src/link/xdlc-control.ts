/**
 * The control field of HDLC-family headers as 802.2 LLC uses it (Wireshark's
 * xdlc.c, extended operation): an unnumbered frame has one byte, an
 * information or supervisory frame two (little-endian), each with its
 * "U, func=UI" / "S F, func=RR, N(R)=1" / "I, N(R)=0, N(S)=1" summary.
 */
import { defineFields, FT, BASE, vals, TFS_SET_NOTSET } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import type { Tvb } from '../dissection/tvb.js';

const sFrameTypes = vals({ 0x0: 'Receiver ready', 0x1: 'Receiver not ready', 0x2: 'Reject', 0x3: 'Selective reject' });
const sFrameShort = ['RR', 'RNR', 'REJ', 'SREJ'];
const frameTypes = vals({ 0x0: 'Information frame', 0x1: 'Supervisory frame', 0x3: 'Unnumbered frame' });

// Modifier bits (mask 0xec) of an unnumbered frame: long names for the tree, short ones for the summary.
const uCommands = vals({
  0x00: 'Unnumbered Information', 0x08: 'Unnumbered Poll', 0x10: 'Disconnect', 0x18: 'Unnumbered Acknowledge', 0x20: 'Set Normal Response Mode',
  0x38: 'Test', 0x01: 'Set Initialization Mode', 0x21: 'Frame reject', 0x31: 'Configure', 0x03: 'Set Asynchronous Response Mode',
  0x0b: 'Set Asynchronous Balanced Mode', 0x13: 'Set Asynchronous Response Mode Extended', 0x1b: 'Set Asynchronous Balanced Mode Extended',
  0x23: 'Reset', 0x2b: 'Exchange identification', 0x33: 'Set Normal Response Mode Extended', 0x3b: 'Beacon',
});
const uResponses = vals({
  0x00: 'Unnumbered Information', 0x08: 'Unnumbered Poll', 0x10: 'Request Disconnect', 0x18: 'Unnumbered Acknowledge', 0x20: 'Set Normal Response Mode',
  0x38: 'Test', 0x01: 'Request Initialization Mode', 0x21: 'Frame reject', 0x31: 'Configure', 0x03: 'Disconnected mode',
  0x0b: 'Set Asynchronous Balanced Mode', 0x13: 'Set Asynchronous Response Mode Extended', 0x1b: 'Set Asynchronous Balanced Mode Extended',
  0x23: 'Reset', 0x2b: 'Exchange identification', 0x33: 'Set Normal Response Mode Extended', 0x3b: 'Beacon',
});
// The modifier field's value is the masked byte shifted by the mask's lowest bit (2): 0xe3 & 0xec = 0xe0 -> 0x38.
const uCommandShort = new Map<number, string>([
  [0x00, 'UI'], [0x08, 'UP'], [0x10, 'DISC'], [0x18, 'UA'], [0x20, 'SNRM'], [0x38, 'TEST'], [0x01, 'SIM'], [0x21, 'FRMR'], [0x31, 'CFG'],
  [0x03, 'SARM'], [0x0b, 'SABM'], [0x13, 'SARME'], [0x1b, 'SABME'], [0x23, 'RSET'], [0x2b, 'XID'], [0x33, 'SNRME'], [0x3b, 'BCN'],
]);
const uResponseShort = new Map<number, string>([...uCommandShort, [0x10, 'RD'], [0x01, 'RIM'], [0x03, 'DM']]);

const B8 = { type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET } as const;
const B16 = { type: FT.BOOLEAN, bitWidth: 16, tfs: TFS_SET_NOTSET } as const;

export const xdlcFields = defineFields('llc', {
  control: { abbrev: 'llc.control', name: 'Control', type: FT.UINT16, base: BASE.HEX },
  nR: { abbrev: 'llc.control.n_r', name: 'N(R)', type: FT.UINT16, base: BASE.DEC, bitmask: 0xfe00 },
  nS: { abbrev: 'llc.control.n_s', name: 'N(S)', type: FT.UINT16, base: BASE.DEC, bitmask: 0x00fe },
  pExt: { abbrev: 'llc.control.p', name: 'Poll', ...B16, bitmask: 0x0100 },
  fExt: { abbrev: 'llc.control.f', name: 'Final', ...B16, bitmask: 0x0100 },
  p: { abbrev: 'llc.control.p', name: 'Poll', ...B8, bitmask: 0x10 },
  f: { abbrev: 'llc.control.f', name: 'Final', ...B8, bitmask: 0x10 },
  sFtype: { abbrev: 'llc.control.s_ftype', name: 'Supervisory frame type', type: FT.UINT16, base: BASE.HEX, bitmask: 0x000c, strings: sFrameTypes },
  uModifierCmd: { abbrev: 'llc.control.u_modifier_cmd', name: 'Command', type: FT.UINT8, base: BASE.HEX, bitmask: 0xec, strings: uCommands },
  uModifierResp: { abbrev: 'llc.control.u_modifier_resp', name: 'Response', type: FT.UINT8, base: BASE.HEX, bitmask: 0xec, strings: uResponses },
  ftypeI: { abbrev: 'llc.control.ftype', name: 'Frame type', type: FT.UINT16, base: BASE.HEX, bitmask: 0x0001, strings: frameTypes },
  ftypeSExt: { abbrev: 'llc.control.ftype', name: 'Frame type', type: FT.UINT16, base: BASE.HEX, bitmask: 0x0003, strings: frameTypes },
  ftypeU: { abbrev: 'llc.control.ftype', name: 'Frame type', type: FT.UINT8, base: BASE.HEX, bitmask: 0x03, strings: frameTypes },
});

/** What the control field said: its value (with the second byte for I and S frames), length and summary. */
export interface XdlcControl {
  value: number;
  length: number;
  summary: string;
  /** An information frame or an unnumbered information (UI) frame: one that carries a protocol's data. */
  carriesInformation: boolean;
}

/** dissect_xdlc_control with is_extended: the field at `off`, added under `tree` as "Control field: summary (0x..)". */
export function dissectXdlcControl(tvb: Tvb, off: number, tree: FieldNode | null, isResponse: boolean): XdlcControl {
  const f = xdlcFields;
  const first = tvb.u8(off);
  if ((first & 0x03) === 0x03) {
    // Unnumbered: one byte.
    const modifier = first & 0xec;
    const shifted = modifier >> 2;
    const pf = (first & 0x10) !== 0;
    const name = (isResponse ? uResponseShort : uCommandShort).get(shifted) ?? 'Unknown';
    const summary = `U${pf ? (isResponse ? ' F' : ' P') : ''}, func=${name}`;
    if (tree) {
      const c = tree.add(f.control, tvb, off, 1, first).setText(`Control field: ${summary} (0x${hex(first, 2)})`);
      if (pf) c.addItem(isResponse ? f.f : f.p, tvb, off, 1);
      c.addItem(isResponse ? f.uModifierResp : f.uModifierCmd, tvb, off, 1);
      c.addItem(f.ftypeU, tvb, off, 1);
    }
    // XDLC_IS_INFORMATION: a UI frame is one only without its poll/final bit (control exactly 0x03).
    return { value: first, length: 1, summary, carriesInformation: first === 0x03 };
  }
  const value = tvb.u16le(off);
  const pf = (value & 0x0100) !== 0;
  const nR = value >> 9;
  let summary: string;
  if ((first & 0x01) === 0x01) {
    summary = `S${pf ? (isResponse ? ' F' : ' P') : ''}, func=${sFrameShort[(value & 0x0c) >> 2]}, N(R)=${nR}`;
  } else {
    summary = `I${pf ? ' P' : ''}, N(R)=${nR}, N(S)=${(value & 0xfe) >> 1}`;
  }
  if (tree) {
    // Shown big-endian from the little-endian field, as Wireshark's bit patterns are.
    const c = tree.add(f.control, tvb, off, 2, value).setText(`Control field: ${summary} (0x${hex(value, 4)})`);
    c.add(f.nR, tvb, off, 2, nR);
    if ((first & 0x01) === 0x01) {
      if (pf) c.add(isResponse ? f.fExt : f.pExt, tvb, off, 2, 1);
      c.add(f.sFtype, tvb, off, 2, (value & 0x0c) >> 2);
      c.add(f.ftypeSExt, tvb, off, 2, value & 0x03);
    } else {
      c.add(f.nS, tvb, off, 2, (value & 0xfe) >> 1);
      if (pf) c.add(f.pExt, tvb, off, 2, 1);
      c.add(f.ftypeI, tvb, off, 2, 0);
    }
  }
  return { value, length: 2, summary, carriesInformation: (first & 0x01) === 0 };
}

function hex(n: number, digits: number): string {
  return n.toString(16).toUpperCase().padStart(digits, '0');
}

