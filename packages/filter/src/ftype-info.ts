import { FT, type FieldType } from '@netdissect/core';

/**
 * How values of a field type are held and compared at run time. Types in
 * one family share a representation (ftypes.c's same_ftype, roughly).
 */
export enum Family {
  /** number | bigint: the integer types, CHAR, FRAMENUM, EUI64. */
  Int,
  /** 0 | 1 */
  Bool,
  /** number */
  Float,
  /** number (u32, host order) or Ipv4Net */
  IPv4,
  /** Uint8Array(16) or Ipv6Net */
  IPv6,
  /** Uint8Array: ETHER, BYTES, UINT_BYTES, GUID, OID, and slices */
  Bytes,
  /** string */
  String,
  /** TimeValue */
  Time,
  /** ProtocolValue */
  Protocol,
  /** FT_NONE: presence only */
  None,
}

export function familyOf(t: FieldType): Family {
  switch (t) {
    case FT.BOOLEAN: return Family.Bool;
    case FT.FLOAT: case FT.DOUBLE: return Family.Float;
    case FT.IPv4: return Family.IPv4;
    case FT.IPv6: return Family.IPv6;
    case FT.ETHER: case FT.BYTES: case FT.UINT_BYTES: case FT.GUID: case FT.OID: return Family.Bytes;
    case FT.STRING: case FT.STRINGZ: case FT.UINT_STRING: case FT.STRINGZPAD: return Family.String;
    case FT.ABSOLUTE_TIME: case FT.RELATIVE_TIME: return Family.Time;
    case FT.PROTOCOL: return Family.Protocol;
    case FT.NONE: return Family.None;
    default: return Family.Int;
  }
}

const PRETTY: Record<number, string> = {
  [FT.NONE]: 'Label',
  [FT.PROTOCOL]: 'Protocol',
  [FT.BOOLEAN]: 'Boolean',
  [FT.CHAR]: 'Character (1 byte)',
  [FT.UINT8]: 'Unsigned integer (1 byte)',
  [FT.UINT16]: 'Unsigned integer (2 bytes)',
  [FT.UINT24]: 'Unsigned integer (3 bytes)',
  [FT.UINT32]: 'Unsigned integer (4 bytes)',
  [FT.UINT40]: 'Unsigned integer (5 bytes)',
  [FT.UINT48]: 'Unsigned integer (6 bytes)',
  [FT.UINT56]: 'Unsigned integer (7 bytes)',
  [FT.UINT64]: 'Unsigned integer (8 bytes)',
  [FT.INT8]: 'Signed integer (1 byte)',
  [FT.INT16]: 'Signed integer (2 bytes)',
  [FT.INT24]: 'Signed integer (3 bytes)',
  [FT.INT32]: 'Signed integer (4 bytes)',
  [FT.INT64]: 'Signed integer (8 bytes)',
  [FT.FLOAT]: 'Floating point (single-precision)',
  [FT.DOUBLE]: 'Floating point (double-precision)',
  [FT.ABSOLUTE_TIME]: 'Date and time',
  [FT.RELATIVE_TIME]: 'Time offset',
  [FT.STRING]: 'Character string',
  [FT.STRINGZ]: 'Character string',
  [FT.UINT_STRING]: 'Character string',
  [FT.STRINGZPAD]: 'Character string',
  [FT.ETHER]: 'Ethernet or other MAC address',
  [FT.BYTES]: 'Byte sequence',
  [FT.UINT_BYTES]: 'Byte sequence',
  [FT.IPv4]: 'IPv4 address',
  [FT.IPv6]: 'IPv6 address',
  [FT.FRAMENUM]: 'Frame number',
  [FT.EUI64]: 'EUI64 address',
  [FT.GUID]: 'Globally Unique Identifier',
  [FT.OID]: 'ASN.1 object identifier',
};

/** ftype_pretty_name(): "Unsigned integer (2 bytes)". */
export function prettyName(t: FieldType): string {
  return PRETTY[t] ?? 'Unknown';
}

const NAMES: Record<number, string> = Object.fromEntries(Object.entries(FT).map(([k, v]) => [v, `FT_${k}`]));

/** ftype_name(): "FT_UINT16". */
export function ftypeName(t: FieldType): string {
  return NAMES[t] ?? 'FT_UNKNOWN';
}

/** What each type's ftype_t table provides (ftype_can_* in ftypes.c). */
export interface Capabilities {
  cmp: boolean;
  contains: boolean;
  matches: boolean;
  slice: boolean;
  bitwiseAnd: boolean;
  unaryMinus: boolean;
  add: boolean;
  subtract: boolean;
  multiply: boolean;
  divide: boolean;
  modulo: boolean;
  isNegative: boolean;
}

const NOTHING: Capabilities = {
  cmp: false, contains: false, matches: false, slice: false, bitwiseAnd: false, unaryMinus: false,
  add: false, subtract: false, multiply: false, divide: false, modulo: false, isNegative: false,
};
const INTEGER: Capabilities = { ...NOTHING, cmp: true, bitwiseAnd: true, unaryMinus: true, add: true, subtract: true, multiply: true, divide: true, modulo: true, isNegative: true };
const BYTE_LIKE: Capabilities = { ...NOTHING, cmp: true, contains: true, matches: true, slice: true, bitwiseAnd: true };

export function capabilities(t: FieldType): Capabilities {
  switch (t) {
    case FT.NONE: return NOTHING;
    case FT.PROTOCOL: return { ...NOTHING, cmp: true, contains: true, matches: true, slice: true };
    case FT.BOOLEAN: return { ...NOTHING, cmp: true, isNegative: true };
    case FT.FLOAT: case FT.DOUBLE:
      return { ...NOTHING, cmp: true, unaryMinus: true, add: true, subtract: true, multiply: true, divide: true, isNegative: true };
    case FT.ABSOLUTE_TIME: return { ...NOTHING, cmp: true };
    case FT.RELATIVE_TIME: return { ...NOTHING, cmp: true, unaryMinus: true, add: true, subtract: true, isNegative: true };
    case FT.STRING: case FT.STRINGZ: case FT.UINT_STRING: case FT.STRINGZPAD:
      return { ...NOTHING, cmp: true, contains: true, matches: true, slice: true };
    case FT.ETHER: case FT.BYTES: return BYTE_LIKE;
    case FT.UINT_BYTES: case FT.OID: return { ...BYTE_LIKE, matches: false };
    case FT.GUID: return { ...NOTHING, cmp: true };
    case FT.IPv4: case FT.IPv6: return { ...NOTHING, cmp: true, slice: true, bitwiseAnd: true };
    case FT.EUI64: return { ...INTEGER, multiply: false, divide: false, modulo: false };
    default: return INTEGER;
  }
}

/** Types whose values are byte sequences already, so a slice compares with them directly (semcheck's is_bytes_type). */
export function isBytesType(t: FieldType): boolean {
  return t === FT.ETHER || t === FT.BYTES || t === FT.UINT_BYTES || t === FT.IPv6 || t === FT.GUID || t === FT.OID;
}

export function isStringType(t: FieldType): boolean {
  return t === FT.STRING || t === FT.STRINGZ || t === FT.UINT_STRING || t === FT.STRINGZPAD;
}

/** The integer "width class" conversions check compatibility with (val_to_uinteger64 / val_to_sinteger64 exist). */
function convertsToInteger(t: FieldType): boolean {
  return familyOf(t) === Family.Int || t === FT.BOOLEAN;
}

/** compatible_ftypes(): may values of types a and b be compared? */
export function compatibleTypes(a: FieldType, b: FieldType): boolean {
  switch (a) {
    case FT.NONE: case FT.BOOLEAN: case FT.PROTOCOL: case FT.ABSOLUTE_TIME: case FT.RELATIVE_TIME: case FT.IPv4: case FT.IPv6:
      return a === b;
    case FT.FLOAT: case FT.DOUBLE:
      return b === FT.FLOAT || b === FT.DOUBLE;
    case FT.ETHER: case FT.BYTES: case FT.UINT_BYTES: case FT.GUID: case FT.OID:
      return b === FT.ETHER || b === FT.BYTES || b === FT.UINT_BYTES || b === FT.GUID || b === FT.OID;
    case FT.STRING: case FT.STRINGZ: case FT.UINT_STRING: case FT.STRINGZPAD:
      return isStringType(b);
    default:
      return convertsToInteger(b);
  }
}

/** fvalue_length() of a value whose type has no length of its own: the wire size. */
export function wireSize(t: FieldType): number {
  switch (t) {
    case FT.CHAR: case FT.UINT8: case FT.INT8: return 1;
    case FT.UINT16: case FT.INT16: return 2;
    case FT.UINT24: case FT.INT24: return 3;
    case FT.UINT32: case FT.INT32: case FT.FRAMENUM: case FT.IPv4: return 4;
    case FT.UINT40: return 5;
    case FT.UINT48: return 6;
    case FT.UINT56: return 7;
    case FT.UINT64: case FT.INT64: case FT.EUI64: return 8;
    case FT.IPv6: case FT.GUID: return 16;
    case FT.ETHER: return 6;
    default: return 0;
  }
}

/** Unsigned integer types (the rest of Family.Int is signed). */
export function isUnsigned(t: FieldType): boolean {
  return (t >= FT.UINT8 && t <= FT.UINT64) || t === FT.CHAR || t === FT.FRAMENUM || t === FT.EUI64;
}

/** Types held in 64 bits in Wireshark (arithmetic overflows at 64 rather than 32 bits). */
export function is64Bit(t: FieldType): boolean {
  return (t >= FT.UINT40 && t <= FT.UINT64) || t === FT.INT64 || t === FT.EUI64;
}
