/**
 * Field types and display bases, named after Wireshark's FT_* and BASE_*
 * so that a field table reads like its packet-*.c counterpart.
 */
export const FT = {
  NONE: 0,
  PROTOCOL: 1,
  BOOLEAN: 2,
  CHAR: 3,
  UINT8: 4,
  UINT16: 5,
  UINT24: 6,
  UINT32: 7,
  UINT40: 8,
  UINT48: 9,
  UINT56: 10,
  UINT64: 11,
  INT8: 12,
  INT16: 13,
  INT24: 14,
  INT32: 15,
  INT64: 16,
  FLOAT: 17,
  DOUBLE: 18,
  ABSOLUTE_TIME: 19,
  RELATIVE_TIME: 20,
  STRING: 21,
  STRINGZ: 22,
  UINT_STRING: 23,
  ETHER: 24,
  BYTES: 25,
  UINT_BYTES: 26,
  IPv4: 27,
  IPv6: 28,
  FRAMENUM: 29,
  EUI64: 30,
  GUID: 31,
  OID: 32,
  STRINGZPAD: 33,
} as const;
export type FieldType = (typeof FT)[keyof typeof FT];

/** Integer display bases (BASE_*), plus the byte-string separators (SEP_*). */
export const BASE = {
  NONE: 0,
  DEC: 1,
  HEX: 2,
  OCT: 3,
  DEC_HEX: 4,
  HEX_DEC: 5,
  CUSTOM: 6,
  SEP_DOT: 7,
  SEP_DASH: 8,
  SEP_COLON: 9,
  SEP_SPACE: 10,
  /** FT_ABSOLUTE_TIME display variants. */
  ABSOLUTE_TIME_LOCAL: 11,
  ABSOLUTE_TIME_UTC: 12,
  ABSOLUTE_TIME_DOY_UTC: 13,
  ABSOLUTE_TIME_NTP_UTC: 14,
  ABSOLUTE_TIME_UNIX: 15,
} as const;
export type Base = (typeof BASE)[keyof typeof BASE];

/** Bits in hex/decimal width of each integer type, for 0x padding and bitmask rendering. */
export function integerBits(type: FieldType): number {
  switch (type) {
    case FT.UINT8: case FT.INT8: case FT.CHAR: case FT.BOOLEAN: return 8;
    case FT.UINT16: case FT.INT16: return 16;
    case FT.UINT24: case FT.INT24: return 24;
    case FT.UINT32: case FT.INT32: case FT.FRAMENUM: return 32;
    case FT.UINT40: return 40;
    case FT.UINT48: return 48;
    case FT.UINT56: return 56;
    case FT.UINT64: case FT.INT64: return 64;
    default: return 0;
  }
}

export function isUnsignedInteger(type: FieldType): boolean {
  return (type >= FT.UINT8 && type <= FT.UINT64) || type === FT.FRAMENUM || type === FT.CHAR;
}

export function isSignedInteger(type: FieldType): boolean {
  return type >= FT.INT8 && type <= FT.INT64;
}

export function isInteger(type: FieldType): boolean {
  return isUnsignedInteger(type) || isSignedInteger(type);
}

export function isStringType(type: FieldType): boolean {
  return type === FT.STRING || type === FT.STRINGZ || type === FT.UINT_STRING || type === FT.STRINGZPAD;
}
