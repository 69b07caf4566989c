import type { FieldType } from '@netdissect/core';
import { Family, familyOf, is64Bit, isUnsigned } from './ftype-info.js';
import { intValue } from './literal-values.js';
import type { ArithOp } from './syntax-tree.js';
import type { Ipv4Net, Ipv6Net, TimeValue, Value } from './values.js';

/**
 * Arithmetic on values (the add/subtract/... members of ftype_t): 32-bit
 * integer types overflow at 32 bits, 64-bit ones at 64, an unsigned
 * subtraction that goes negative turns signed, and any overflow or
 * division by zero is an error (the value is then dropped).
 */
export type ArithResult = { ok: true; value: Value } | { ok: false; error: string };

const INT32_MAX = 0x7fffffff;
const INT32_MIN = -0x80000000;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

const ok = (value: Value): ArithResult => ({ ok: true, value });
const err = (error: string): ArithResult => ({ ok: false, error });

export function unaryMinus(ftype: FieldType, v: Value): ArithResult {
  switch (familyOf(ftype)) {
    case Family.Int: {
      const n = v as number | bigint;
      if (isUnsigned(ftype) && n >= 0) {
        if (is64Bit(ftype) ? BigInt(n) > INT64_MAX : n > INT32_MAX) return err(`${n} overflows ${is64Bit(ftype) ? 'gint64' : 'gint32'}`);
      }
      return ok(typeof n === 'bigint' ? intValue(-n) : -n);
    }
    case Family.Float: return ok(-(v as number));
    case Family.Time: {
      const t = v as TimeValue;
      return ok({ sec: -t.sec, nsec: -t.nsec });
    }
    default: return err('unary minus is not defined for this type');
  }
}

function timeSum(a: TimeValue, b: TimeValue, sign: 1 | -1): TimeValue {
  let sec = a.sec + sign * b.sec;
  let nsec = a.nsec + sign * b.nsec;
  if (nsec >= 1e9) {
    nsec -= 1e9;
    sec++;
  } else if (nsec < 0 && sec > 0) {
    nsec += 1e9;
    sec--;
  } else if (nsec > 0 && sec < 0) {
    nsec -= 1e9;
    sec++;
  }
  return { sec, nsec };
}

function int64Op(op: ArithOp, a: bigint, b: bigint, unsigned: boolean): ArithResult {
  let r: bigint;
  switch (op) {
    case 'add': r = a + b; break;
    case 'subtract': r = a - b; break;
    case 'multiply': r = a * b; break;
    case 'divide': if (b === 0n) return err('division by zero'); r = a / b; break;
    case 'modulo': if (b === 0n) return err('division by zero'); r = a % b; break;
    case 'bitwiseAnd': r = BigInt.asUintN(64, a) & BigInt.asUintN(64, b); if (!unsigned) r = BigInt.asIntN(64, r); break;
    default: return err('not a binary operation');
  }
  // An unsigned subtraction that goes below zero is done in signed arithmetic.
  const signedResult = !unsigned || (op === 'subtract' && b > a && a <= INT64_MAX && b <= INT64_MAX);
  if (signedResult ? r < INT64_MIN || r > INT64_MAX : r < 0n || r > UINT64_MAX) return err('overflow');
  return ok(intValue(r));
}

function int32Op(op: ArithOp, a: number, b: number, unsigned: boolean): ArithResult {
  let r: number;
  switch (op) {
    case 'add': r = a + b; break;
    case 'subtract': r = a - b; break;
    case 'multiply': r = a * b; break;
    case 'divide': if (b === 0) return err('division by zero'); r = unsigned ? Math.floor(a / b) : Math.trunc(a / b); break;
    case 'modulo': if (b === 0) return err('division by zero'); r = a % b; break;
    case 'bitwiseAnd': r = unsigned ? (a & b) >>> 0 : a & b; break;
    default: return err('not a binary operation');
  }
  const signedResult = !unsigned || (op === 'subtract' && b > a && a <= INT32_MAX && b <= INT32_MAX);
  if (unsigned && op === 'subtract' && b > a && !signedResult) return err('signed overflow');
  if (signedResult ? r < INT32_MIN || r > INT32_MAX : r < 0 || r > 0xffffffff) return err('overflow');
  return ok(r === 0 ? 0 : r);
}

/** A binary operation for values of type `ftype` (the left operand's). */
export function binaryOp(op: ArithOp, ftype: FieldType, a: Value, b: Value): ArithResult {
  switch (familyOf(ftype)) {
    case Family.Int: {
      const x = a as number | bigint;
      const y = b as number | bigint;
      // A negative left value came out of an earlier subtraction and is signed now.
      const unsigned = isUnsigned(ftype) && x >= 0;
      if (is64Bit(ftype) || typeof x === 'bigint' || typeof y === 'bigint') return int64Op(op, BigInt(x), BigInt(y), unsigned);
      return int32Op(op, x as number, y as number, unsigned);
    }
    case Family.Float: {
      const x = a as number;
      const y = b as number;
      switch (op) {
        case 'add': return ok(x + y);
        case 'subtract': return ok(x - y);
        case 'multiply': return ok(x * y);
        case 'divide': return ok(x / y);
        default: return err('not defined for floating point');
      }
    }
    case Family.Time:
      if (op === 'add') return ok(timeSum(a as TimeValue, b as TimeValue, 1));
      if (op === 'subtract') return ok(timeSum(a as TimeValue, b as TimeValue, -1));
      return err('not defined for times');
    case Family.Bytes: {
      if (op !== 'bitwiseAnd') return err('not defined for bytes');
      const x = a as Uint8Array;
      const y = b as Uint8Array;
      const out = new Uint8Array(Math.min(x.length, y.length));
      for (let i = 0; i < out.length; i++) out[i] = x[i]! & y[i]!;
      return ok(out);
    }
    case Family.IPv4: {
      if (op !== 'bitwiseAnd') return err('not defined for addresses');
      const [aa, am] = typeof a === 'number' ? [a, 0xffffffff] : [(a as Ipv4Net).addr, (a as Ipv4Net).mask];
      const [ba, bm] = typeof b === 'number' ? [b, 0xffffffff] : [(b as Ipv4Net).addr, (b as Ipv4Net).mask];
      const net: Ipv4Net = { addr: (aa & ba & bm) >>> 0, mask: am };
      return ok(net);
    }
    case Family.IPv6: {
      if (op !== 'bitwiseAnd') return err('not defined for addresses');
      const [ab, ap] = a instanceof Uint8Array ? [a, 128] : [(a as Ipv6Net).bytes, (a as Ipv6Net).prefix];
      const [bb, bp] = b instanceof Uint8Array ? [b, 128] : [(b as Ipv6Net).bytes, (b as Ipv6Net).prefix];
      const bytes = new Uint8Array(16);
      let prefix = Math.min(ap, bp, 128);
      let i = 0;
      for (; prefix >= 8; prefix -= 8, i++) bytes[i] = ab[i]! & bb[i]!;
      if (prefix > 0) bytes[i] = ab[i]! & bb[i]! & ((0xff00 >> prefix) & 0xff);
      return ok(bytes);
    }
    default:
      return err('arithmetic is not defined for this type');
  }
}

/** is_zero() per family, for arithmetic used as a test. */
export function isZero(ftype: FieldType, v: Value): boolean {
  switch (familyOf(ftype)) {
    case Family.Int: case Family.Bool: case Family.Float: return v == 0;
    case Family.IPv4: return (typeof v === 'number' ? v : (v as Ipv4Net).addr) === 0;
    case Family.IPv6: return (v instanceof Uint8Array ? v : (v as Ipv6Net).bytes).every((x) => x === 0);
    case Family.Bytes: return (v as Uint8Array).every((x) => x === 0);
    case Family.String: return (v as string).length === 0;
    case Family.Time: return (v as TimeValue).sec === 0 && (v as TimeValue).nsec === 0;
    default: return false;
  }
}

/** is_negative() per family, for abs(). */
export function isNegative(ftype: FieldType, v: Value): boolean {
  switch (familyOf(ftype)) {
    case Family.Int: case Family.Float: return (v as number | bigint) < 0;
    case Family.Time: return (v as TimeValue).sec < 0 || (v as TimeValue).nsec < 0;
    default: return false;
  }
}
