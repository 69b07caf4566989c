import { formatEther, formatHexBytes, formatIPv4, formatIPv6 } from '../dissection/address.js';
import type { FieldDef } from './field-def.js';
import { FT, BASE, integerBits } from './field-types.js';
import { NodeFlag, type FieldNode } from './field-node.js';
import { formatAbsolute, formatEpoch, formatRelative } from './time-format.js';
import { formatText } from './format-text.js';

export interface TimeValue {
  sec: number;
  nsec: number;
}

function hexDigits(def: FieldDef): number {
  switch (def.type) {
    case FT.UINT8: return 2;
    case FT.UINT16: return 4;
    case FT.UINT24: return 6;
    case FT.UINT40: return 10;
    case FT.UINT48: return 12;
    case FT.UINT56: return 14;
    case FT.UINT64: return 16;
    default: return 8;
  }
}

/** 0x-prefixed hex, zero-padded to the field type's width. */
export function hexOf(def: FieldDef, v: number | bigint): string {
  const digits = hexDigits(def);
  const n = typeof v === 'bigint' ? BigInt.asUintN(64, v) : v < 0 ? (v >>> 0) : v;
  return `0x${n.toString(16).padStart(digits, '0')}`;
}

function bytesOf(node: FieldNode): Uint8Array {
  const v = node.resolvedValue;
  return v instanceof Uint8Array ? v : new Uint8Array(0);
}

/**
 * The value as tshark prints it with -T fields (fvalue_to_string_repr with
 * FTREPR_DISPLAY, plus get_node_field_value's special cases). Raw numbers,
 * no value-string names; strings unescaped except NUL.
 */
export function fieldDisplayValue(node: FieldNode): string {
  const def = node.def;
  if (def === null) return node.text ?? '';
  const v = node.resolvedValue;
  switch (def.type) {
    case FT.PROTOCOL:
      // Uninterpreted data is printed as its bytes, not as a protocol.
      if (def.abbrev === 'data') return node.ds ? formatHexBytes(node.bytes()) : '';
      // The item's representation (fi->rep): its text with appended parts, cut to the label buffer
      // (" [truncated]" and all), no [] even when generated.
      if (node.flags & NodeFlag.CUSTOM_LABEL || node.appended !== null) return representationOf(node);
      return def.abbrev;
    case FT.NONE:
      return '1';
    case FT.BOOLEAN:
      return v ? '1' : '0';
    case FT.UINT8: case FT.UINT16: case FT.UINT24: case FT.UINT32:
      if (def.base === BASE.HEX || def.base === BASE.HEX_DEC) return hexOf(def, v as number | bigint);
      return String(v);
    // The 64-bit types' value strings are printed 64 bits wide, whatever the label's width.
    case FT.UINT40: case FT.UINT48: case FT.UINT56: case FT.UINT64:
      if (def.base === BASE.HEX || def.base === BASE.HEX_DEC) return `0x${BigInt(v as number | bigint).toString(16).padStart(16, '0')}`;
      return String(v);
    case FT.FRAMENUM: case FT.INT8: case FT.INT16: case FT.INT24: case FT.INT32: case FT.INT64:
      return String(v);
    case FT.CHAR:
      return charRepr(v as number, def.base === BASE.HEX);
    // proto.c prints a float with FLT_DIG (6) significant digits and a double with DBL_DIG (15).
    case FT.FLOAT:
      return formatDouble(v as number);
    case FT.DOUBLE:
      return formatDouble(v as number, 15);
    case FT.IPv4:
      return formatIPv4(v as number);
    case FT.IPv6: {
      const b = bytesOf(node);
      return b.length === 16 ? formatIPv6(b, 0) : formatHexBytes(b, ':');
    }
    case FT.ETHER: {
      const b = bytesOf(node);
      return b.length === 6 ? formatEther(b, 0) : formatHexBytes(b, ':');
    }
    case FT.EUI64:
      return formatHexBytes(bytesOf(node), ':');
    case FT.BYTES: case FT.UINT_BYTES: {
      const b = bytesOf(node);
      if (b.length === 0) return def.allowZero ? '<none>' : '<MISSING>';
      switch (def.base) {
        case BASE.SEP_DOT: return formatHexBytes(b, '.');
        case BASE.SEP_DASH: return formatHexBytes(b, '-');
        case BASE.SEP_COLON: return formatHexBytes(b, ':');
        case BASE.SEP_SPACE: return formatHexBytes(b, ' ');
        default: return formatHexBytes(b);
      }
    }
    case FT.STRING: case FT.STRINGZ: case FT.UINT_STRING: case FT.STRINGZPAD:
      return (v as string).includes('\0') ? (v as string).replace(/\0/g, '\\0') : (v as string);
    case FT.ABSOLUTE_TIME: {
      const t = v as TimeValue;
      if (def.base === BASE.ABSOLUTE_TIME_UNIX) return formatEpoch(t.sec, t.nsec);
      return formatAbsolute(t.sec, t.nsec, def.base === BASE.ABSOLUTE_TIME_UTC);
    }
    case FT.RELATIVE_TIME: {
      const t = v as TimeValue;
      return formatRelative(t.sec, t.nsec);
    }
    default:
      return v === null || v === undefined ? '' : String(v);
  }
}

/** C's "%.<significant>g" as GLib prints floats and doubles for display ("%g" by default). */
export function formatDouble(v: number, significant = 6): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  // The exponent %g decides by is the one after rounding to `significant` digits.
  const exp = Number(v.toExponential(significant - 1).split('e')[1]);
  if (exp < -4 || exp >= significant) {
    let m = v.toExponential(significant - 1).replace(/\.?0+e/, 'e');
    m = m.replace(/e([+-])(\d)$/, 'e$10$2');
    return m;
  }
  const digits = Math.max(0, significant - 1 - exp);
  const fixed = v.toFixed(digits);
  return digits > 0 ? fixed.replace(/\.?0+$/, '') : fixed;
}

function charRepr(c: number, hex: boolean): string {
  if (c >= 0x20 && c < 0x7f) return c === 0x5c || c === 0x27 ? `'\\${String.fromCharCode(c)}'` : `'${String.fromCharCode(c)}'`;
  const named: Record<number, string> = { 0: '0', 7: 'a', 8: 'b', 12: 'f', 10: 'n', 13: 'r', 9: 't', 11: 'v' };
  if (named[c] !== undefined) return `'\\${named[c]}'`;
  return hex ? `'\\x${c.toString(16).padStart(2, '0')}'` : `'\\${c.toString(8).padStart(3, '0')}'`;
}

/** "0100 .... " style bit picture of `mask` over `bits` bits, with value bits filled in. */
export function bitPicture(mask: number, shiftedValue: number, shift: number, bits: number): string {
  const raw = shiftedValue * 2 ** shift;
  let s = '';
  for (let i = bits - 1; i >= 0; i--) {
    const bit = 2 ** i;
    if (Math.floor(mask / bit) % 2 === 1) s += Math.floor(raw / bit) % 2 === 1 ? '1' : '0';
    else s += '.';
    if (i > 0 && i % 4 === 0) s += ' ';
  }
  return s;
}

function valueName(def: FieldDef, v: number): string | undefined {
  if (def.strings) return def.strings.get(v);
  if (def.ranges) {
    for (const [lo, hi, name] of def.ranges) if (v >= lo && v <= hi) return name;
  }
  return undefined;
}

/** Hex in labels: as many digits as the bit mask spans (or the type, without one), as hfinfo_hex_digits. */
function labelHex(def: FieldDef, v: number | bigint): string {
  if (!def.bitmask) return hexOf(def, v);
  let m = def.bitmask / 2 ** def.shift;
  let bits = 0;
  while (m >= 1) {
    bits++;
    m = Math.floor(m / 2);
  }
  const n = typeof v === 'bigint' ? BigInt.asUintN(64, v) : v < 0 ? v >>> 0 : v;
  return `0x${n.toString(16).padStart(Math.ceil(bits / 4), '0')}`;
}

function integerText(def: FieldDef, v: number | bigint): string {
  const signed = def.type >= FT.INT8 && def.type <= FT.INT64;
  if (def.custom && typeof v === 'number') return def.custom(v);
  switch (def.base) {
    case BASE.HEX: return signed ? String(v) : labelHex(def, v);
    case BASE.DEC_HEX: return signed ? String(v) : `${v} (${labelHex(def, v)})`;
    case BASE.HEX_DEC: return signed ? String(v) : `${labelHex(def, v)} (${v})`;
    case BASE.OCT: return `0${v.toString(8)}`;
    default: return String(v);
  }
}

function withUnit(def: FieldDef, text: string, v: number | bigint): string {
  if (!def.unit) return text;
  return text + (v === 1 || v === 1n ? def.unit[0] : def.unit[1]);
}

/**
 * The value part of an integer field's label ("IPv4 (0x0800)", "80 bytes"),
 * from the field and a value: also for a label that quotes a field the tree
 * may have pruned.
 */
export function integerValueText(def: FieldDef, n: number | bigint): string {
  const name = typeof n === 'number' ? valueName(def, n) : undefined;
  if (def.strings || def.ranges) {
    // BASE_NONE value strings show the name alone; otherwise "Name (value)".
    if (def.base === BASE.NONE) return name ?? 'Unknown';
    const shown = def.base === BASE.HEX || def.base === BASE.HEX_DEC ? labelHex(def, n) : String(n);
    return `${name ?? 'Unknown'} (${shown})`;
  }
  return withUnit(def, integerText(def, n), n);
}

/** The value part of a label as proto.c renders it ("IPv4 (0x0800)", "80", "True"). */
export function valueText(node: FieldNode): string {
  const def = node.def!;
  const v = node.resolvedValue;
  switch (def.type) {
    case FT.BOOLEAN: {
      const tfs = def.tfs ?? { true: 'True', false: 'False' };
      return v ? tfs.true : tfs.false;
    }
    case FT.UINT8: case FT.UINT16: case FT.UINT24: case FT.UINT32: case FT.UINT40: case FT.UINT48:
    case FT.UINT56: case FT.UINT64: case FT.INT8: case FT.INT16: case FT.INT24: case FT.INT32: case FT.INT64:
      return integerValueText(def, v as number | bigint);
    case FT.FRAMENUM:
      return String(v);
    case FT.CHAR:
      return charRepr(v as number, def.base === BASE.HEX);
    case FT.STRING: case FT.STRINGZ: case FT.UINT_STRING: case FT.STRINGZPAD:
      return formatLabelString(labelPrefix(v as string));
    case FT.ABSOLUTE_TIME: {
      const t = v as TimeValue;
      if (def.base === BASE.ABSOLUTE_TIME_UNIX) return formatEpoch(t.sec, t.nsec);
      return formatAbsolute(t.sec, t.nsec, def.base === BASE.ABSOLUTE_TIME_UTC);
    }
    case FT.RELATIVE_TIME: {
      const t = v as TimeValue;
      return `${formatRelative(t.sec, t.nsec)} seconds`;
    }
    case FT.BYTES: case FT.UINT_BYTES: {
      const b = bytesOf(node);
      if (b.length === 0) return def.allowZero ? '<none>' : '<MISSING>';
      return labelBytes(def, b);
    }
    case FT.EUI64: {
      // label_fill_descr: the address as displayed (its OUI resolved; netdissect resolves none, as tshark -n), then as is.
      const s = fieldDisplayValue(node);
      return `${s} (${s})`;
    }
    default:
      return fieldDisplayValue(node);
  }
}

/** Byte strings in labels are cut like bytes_to_str: 36 bytes of plain hex, or 24 separated ones, then "…". */
function labelBytes(def: FieldDef, b: Uint8Array): string {
  const sep = def.base === BASE.SEP_DOT ? '.' : def.base === BASE.SEP_DASH ? '-' : def.base === BASE.SEP_COLON ? ':' : def.base === BASE.SEP_SPACE ? ' ' : '';
  const max = sep ? 24 : 36;
  if (b.length <= max) return formatHexBytes(b, sep);
  return formatHexBytes(b.subarray(0, max), sep) + sep + '\u2026';
}

/** Bytes in a label buffer (ITEM_LABEL_LENGTH, including the NUL). */
const ITEM_LABEL_LENGTH = 240;
const TRUNCATED = ' [truncated]';

/**
 * What of a long text can reach a label: each character takes at least a
 * byte of the 240, and formatting a prefix gives a prefix of the formatted
 * whole, so a value of megabytes (an HTTP request line) is not formatted and
 * copied whole to show its first 240 bytes.
 */
function labelPrefix(s: string): string {
  return s.length > ITEM_LABEL_LENGTH ? s.slice(0, ITEM_LABEL_LENGTH) : s;
}

function utf8Length(s: string): number {
  // Cheap exit for the common short label.
  if (s.length * 3 < ITEM_LABEL_LENGTH) return ITEM_LABEL_LENGTH - 1;
  return Buffer.byteLength(s, 'utf8');
}

/** The longest prefix of `s` that fits in `max` UTF-8 bytes, cut between characters. */
function cutUtf8(s: string, max: number): string {
  if (s.length * 3 <= max) return s;
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    const w = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (bytes + w > max) return s.slice(0, i);
    bytes += w;
    if (c >= 0x10000) i++;
  }
  return s;
}

/** Text cut to what Wireshark's 240-byte label buffer holds (vsnprintf into ITEM_LABEL_LENGTH). */
export function fitLabelBuffer(s: string): string {
  return cutUtf8(s, ITEM_LABEL_LENGTH - 1);
}

/**
 * A label that does not fit Wireshark's 240-byte buffer: " [truncated]" goes
 * in after the field name (or at the start of a free-form label) and the
 * rest is cut to what the buffer holds, as label_mark_truncated does.
 */
function fitLabel(label: string, namePos: number): string {
  // No label of 240 characters or more fits: each takes a byte or more.
  if (label.length < 80 || (label.length < ITEM_LABEL_LENGTH && utf8Length(label) < ITEM_LABEL_LENGTH)) return label;
  return cutUtf8(label.slice(0, namePos) + TRUNCATED + label.slice(namePos, namePos + ITEM_LABEL_LENGTH), ITEM_LABEL_LENGTH - 2);
}

/** The tree label of a node, as the details pane and -V print it (generated items in brackets). */
export function labelOf(node: FieldNode): string {
  const rep = representationOf(node);
  return node.flags & NodeFlag.GENERATED ? `[${rep}]` : rep;
}

/**
 * The item's text as Wireshark stores it (fi->rep): the label with any
 * appended text, cut to the 240-byte label buffer; no generated brackets.
 */
export function representationOf(node: FieldNode): string {
  let label: string;
  const def = node.def;
  if (node.flags & NodeFlag.CUSTOM_LABEL || def === null) {
    label = fitLabel(node.text ?? '', 0);
  } else if (def.type === FT.PROTOCOL) {
    label = def.name;
  } else if (def.type === FT.NONE || def.noDisplayValue) {
    label = def.name;
  } else {
    const custom = (node.flags & NodeFlag.CUSTOM_VALUE) !== 0;
    const value = custom ? labelPrefix(node.text!) : valueText(node);
    let prefix = '';
    if (def.bitmask) {
      const bits = def.bitWidth ?? integerBits(def.type);
      if (bits > 0 && typeof node.value === 'number') prefix = `${bitPicture(def.bitmask, node.value, def.shift, bits)} = `;
    }
    label = fitLabel(`${prefix}${def.name}: ${value}`, custom ? 0 : prefix.length + def.name.length);
  }
  // Appended text fills the buffer up to its end, without a mark.
  if (node.appended !== null) label = cutUtf8(label + node.appended, ITEM_LABEL_LENGTH - 1);
  return label;
}

/** Strings in labels: non-printable characters escaped as Wireshark's format_text does. */
export function formatLabelString(s: string): string {
  return formatText(s);
}

/** Hex-escaping variant kept for byte dumps of control characters. */
export function formatLabelStringHex(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) {
      switch (c) {
        case 7: out += '\\a'; break;
        case 8: out += '\\b'; break;
        case 12: out += '\\f'; break;
        case 10: out += '\\n'; break;
        case 13: out += '\\r'; break;
        case 9: out += '\\t'; break;
        case 11: out += '\\v'; break;
        default: out += `\\x${c.toString(16).padStart(2, '0')}`;
      }
    } else if (c === 0x5c) {
      out += '\\\\';
    } else {
      out += s[i];
    }
  }
  return out;
}
