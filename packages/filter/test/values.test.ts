import { FT, fieldRegistry, type FieldDef } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import { binaryOp, unaryMinus } from '../src/arithmetic.js';
import { rangeContainsLayer, sliceBytes } from '../src/drange.js';
import { bytesFromLiteral, valueFromCharConst, valueFromLiteral, valueFromString, type Parsed } from '../src/literal-values.js';
import { absoluteTime, relativeTime } from '../src/time-literals.js';
import { compareBytes, compareInt, compareIpv4, compareIpv6, compareTime, containsFor } from '../src/values.js';
import { valueFromName } from '../src/value-strings.js';
import { Family } from '../src/ftype-info.js';

const value = (p: Parsed): unknown => (p.ok ? p.value : `error: ${p.error}`);
const bytes = (p: Parsed): unknown => (p.ok ? [...(p.value as Uint8Array)] : `error: ${p.error}`);
const def = (abbrev: string): FieldDef => fieldRegistry.lookup(abbrev)![0]!;

describe('values written in filters', () => {
  it('reads integers in decimal, hex, octal and binary, within the field type', () => {
    expect(['80', '0x50', '0120', '0b1010000', '+80'].map((s) => value(valueFromLiteral(FT.UINT16, s)))).toEqual([80, 80, 80, 80, 80]);
    expect(value(valueFromLiteral(FT.UINT16, '70000'))).toBe('error: "70000" too big for this field, maximum 65535.');
    expect(value(valueFromLiteral(FT.INT8, '200'))).toBe('error: "200" too big for this field, maximum 127.');
    expect(value(valueFromLiteral(FT.UINT8, '5a'))).toBe('error: "5a" is not a valid number.');
    expect(value(valueFromLiteral(FT.UINT64, '18446744073709551615'))).toBe(18446744073709551615n);
    expect(value(valueFromLiteral(FT.UINT64, '18446744073709551616'))).toBe('error: "18446744073709551616" causes an integer overflow.');
  });

  it('reads booleans as True/TRUE/False/FALSE or numbers', () => {
    expect(['True', 'TRUE', '1', '7', 'False', 'FALSE', '0'].map((s) => value(valueFromLiteral(FT.BOOLEAN, s)))).toEqual([1, 1, 1, 1, 0, 0, 0]);
    expect(value(valueFromLiteral(FT.BOOLEAN, 'true'))).toBe('error: "true" is not a valid number.');
  });

  it('reads byte strings with any separator, or none', () => {
    for (const s of ['aa:bb:cc', 'aa-bb-cc', 'aa.bb.cc', 'aabbcc', ':aa:bb:cc']) expect(bytes(bytesFromLiteral(s))).toEqual([0xaa, 0xbb, 0xcc]);
    expect(bytes(bytesFromLiteral('a:b'))).toEqual([0x0a, 0x0b]);
    expect(bytes(bytesFromLiteral('0xff'))).toEqual([0xff]);
    expect(bytes(bytesFromLiteral('0b00001111'))).toEqual([0x0f]);
    // Runs of four digits are two bytes; a lone digit is a byte of its own.
    expect(bytes(bytesFromLiteral('aabbc'))).toEqual([0xaa, 0xbb, 0x0c]);
    expect(bytes(bytesFromLiteral('aa:zz'))).toBe('error: "aa:zz" is not a valid byte string.');
  });

  it('reads Ethernet addresses, partial ones only where contains allows them', () => {
    expect(bytes(valueFromLiteral(FT.ETHER, '00:11:22:33:44:55', false))).toEqual([0, 0x11, 0x22, 0x33, 0x44, 0x55]);
    expect(bytes(valueFromLiteral(FT.ETHER, '00:11', true))).toEqual([0, 0x11]);
    expect(value(valueFromLiteral(FT.ETHER, '00:11', false))).toBe('error: "00:11" contains too few bytes to be a valid Ethernet address.');
  });

  it('reads IPv4 and IPv6 addresses with optional prefix lengths', () => {
    expect(value(valueFromLiteral(FT.IPv4, '10.1.2.3'))).toBe(0x0a010203);
    expect(value(valueFromLiteral(FT.IPv4, '10.0.0.0/8'))).toEqual({ addr: 0x0a000000, mask: 0xff000000 });
    expect(value(valueFromLiteral(FT.IPv4, '010.0.0.1'))).toBe('error: "010.0.0.1" is not a valid hostname or IPv4 address.');
    expect(bytes(valueFromLiteral(FT.IPv6, '::ffff:1.2.3.4'))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4]);
    expect(bytes(valueFromLiteral(FT.IPv6, '1:2:3:4:5:6:7:8'))).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]);
    expect(value(valueFromLiteral(FT.IPv6, '2001:db8::/32'))).toMatchObject({ prefix: 32 });
    expect(value(valueFromLiteral(FT.IPv6, '1::2::3'))).toBe('error: "1::2::3" is not a valid hostname or IPv6 address.');
  });

  it('reads floating-point numbers as C does', () => {
    expect(['1.5', '1e3', '.5', '0x1p4', 'inf'].map((s) => value(valueFromLiteral(FT.DOUBLE, s)))).toEqual([1.5, 1000, 0.5, 16, Infinity]);
    expect(value(valueFromLiteral(FT.DOUBLE, '1.5x'))).toBe('error: "1.5x" is not a valid floating-point number.');
  });

  it('reads relative and absolute times', () => {
    expect(relativeTime('1.5')).toEqual({ ok: true, value: { sec: 1, nsec: 500000000 } });
    expect(relativeTime('.000000001')).toEqual({ ok: true, value: { sec: 0, nsec: 1 } });
    expect(relativeTime('1.0000000001')).toEqual({ ok: false, error: '"1.0000000001" is not a valid time.' });
    expect(absoluteTime('2011-07-04 12:34:56.25 UTC')).toEqual({ ok: true, value: { sec: 1309782896, nsec: 250000000 } });
    expect(absoluteTime('2011-07-04T12:34:56Z')).toEqual({ ok: true, value: { sec: 1309782896, nsec: 0 } });
    expect(absoluteTime('2011-07-04T14:34:56+02:00')).toEqual({ ok: true, value: { sec: 1309782896, nsec: 0 } });
    expect(absoluteTime('Jul  4, 2011 12:34:56 UTC')).toEqual({ ok: true, value: { sec: 1309782896, nsec: 0 } });
    expect(absoluteTime('2011-07-04 12:34 junk')).toEqual({ ok: false, error: 'Unexpected data after time value.' });
  });

  it('converts quoted strings and character constants for the compared type', () => {
    const abc = Uint8Array.from(Buffer.from('abc'));
    expect(value(valueFromString(FT.STRING, abc))).toBe('abc');
    expect(bytes(valueFromString(FT.BYTES, abc))).toEqual([0x61, 0x62, 0x63]);
    expect(value(valueFromString(FT.UINT16, abc))).toBe('error: Unsigned integer (2 bytes) cannot be converted from a string ("abc").');
    expect(value(valueFromCharConst(FT.UINT8, 0x61))).toBe(0x61);
    expect(value(valueFromCharConst(FT.STRING, 0x61))).toBe('a');
    expect(value(valueFromCharConst(FT.ETHER, 0x61))).toBe("error: Character constant 'a' (0x61) cannot be converted to Ethernet or other MAC address.");
  });

  it('accepts value names of integer fields and true/false names of booleans, ignoring case', () => {
    expect(valueFromName(def('ip.proto'), 'udp')).toEqual({ ok: true, value: 17 });
    expect(valueFromName(def('tcp.flags.syn'), 'not SET')).toEqual({ ok: true, value: 0 });
    expect(valueFromName(def('ip.proto'), 'foo')).toEqual({ ok: false, error: '"foo" cannot be found among the possible values for ip.proto.', replaces: true });
    expect(valueFromName(def('tcp.srcport'), 'http')).toEqual({ ok: false, error: 'tcp.srcport cannot accept strings as values.', replaces: false });
  });
});

describe('value comparisons', () => {
  it('compares addresses under the less restrictive netmask or prefix', () => {
    expect(compareIpv4(0x0a010203, { addr: 0x0a000000, mask: 0xff000000 })).toBe(0);
    expect(compareIpv4(0x0b010203, { addr: 0x0a000000, mask: 0xff000000 })).toBeGreaterThan(0);
    const a = new Uint8Array(16).fill(0);
    a.set([0x20, 0x01, 0x0d, 0xb8, 0xff]);
    const net = { bytes: Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(12).fill(0)]), prefix: 32 };
    expect(compareIpv6(a, net)).toBe(0);
    expect(compareIpv6(a, { ...net, prefix: 40 })).toBeGreaterThan(0);
  });

  it('orders byte strings by length first', () => {
    expect(compareBytes(Uint8Array.of(9), Uint8Array.of(1, 0))).toBeLessThan(0);
    expect(compareBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBeLessThan(0);
  });

  it('cannot compare an unsigned value with a negative one (neither true nor false)', () => {
    expect(compareInt(5, -1, true)).toBeNaN();
    expect(compareInt(-3, -1, true)).toBeLessThan(0);
    expect(compareInt(5, -1, false)).toBeGreaterThan(0);
  });

  it('truncates the seconds difference of times as nstime_cmp() does', () => {
    expect(compareTime({ sec: 18445321545171, nsec: 0 }, { sec: 0, nsec: 500000000 })).toBeLessThan(0);
    expect(compareTime({ sec: 2, nsec: 0 }, { sec: 1, nsec: 999 })).toBeGreaterThan(0);
  });

  it('never finds an empty string, always an empty byte string', () => {
    expect(containsFor(Family.String)('abc', '')).toBe(false);
    expect(containsFor(Family.Bytes)(Uint8Array.of(1), new Uint8Array(0))).toBe(true);
    expect(containsFor(Family.Bytes)(Uint8Array.of(1, 2, 1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
  });
});

describe('arithmetic', () => {
  it('overflows at the width of the type and turns negative differences signed', () => {
    expect(binaryOp('add', FT.UINT32, 0xffffffff, 1)).toEqual({ ok: false, error: 'overflow' });
    expect(binaryOp('subtract', FT.UINT16, 3, 5)).toEqual({ ok: true, value: -2 });
    expect(binaryOp('divide', FT.UINT16, 7, 2)).toEqual({ ok: true, value: 3 });
    expect(binaryOp('divide', FT.INT32, -7, 2)).toEqual({ ok: true, value: -3 });
    expect(binaryOp('modulo', FT.UINT16, 7, 0)).toEqual({ ok: false, error: 'division by zero' });
    expect(binaryOp('add', FT.UINT64, 0xffffffffn + 0n, 1)).toEqual({ ok: true, value: 0x100000000 });
    expect(binaryOp('bitwiseAnd', FT.BYTES, Uint8Array.of(0xff, 0x0f, 1), Uint8Array.of(0x3c, 0xff))).toEqual({ ok: true, value: Uint8Array.of(0x3c, 0x0f) });
    expect(unaryMinus(FT.UINT32, 0x80000000)).toEqual({ ok: false, error: '2147483648 overflows gint32' });
  });
});

describe('slices and layers', () => {
  const b = Uint8Array.of(0, 1, 2, 3, 4, 5);
  it('takes [i:j], [i-j], [i], [:j], [i:] and lists, negative offsets from the end', () => {
    expect([...sliceBytes(b, [{ start: 1, ending: 'length', length: 2 }])]).toEqual([1, 2]);
    expect([...sliceBytes(b, [{ start: 1, ending: 'offset', end: 3 }])]).toEqual([1, 2, 3]);
    expect([...sliceBytes(b, [{ start: -1, ending: 'length', length: 1 }])]).toEqual([5]);
    expect([...sliceBytes(b, [{ start: 4, ending: 'toEnd' }])]).toEqual([4, 5]);
    expect([...sliceBytes(b, [{ start: 0, ending: 'length', length: 1 }, { start: -2, ending: 'offset', end: -1 }])]).toEqual([0, 4, 5]);
  });

  it('keeps what came before an element that does not fit', () => {
    expect([...sliceBytes(b, [{ start: 0, ending: 'length', length: 2 }, { start: 5, ending: 'length', length: 4 }])]).toEqual([0, 1]);
    expect([...sliceBytes(b, [{ start: 0, ending: 'length', length: 10 }])]).toEqual([]);
  });

  it('selects layers by number, range, or from the last one', () => {
    expect(rangeContainsLayer([{ start: 2, ending: 'length', length: 1 }], 2, 3)).toBe(true);
    expect(rangeContainsLayer([{ start: -1, ending: 'length', length: 1 }], 3, 3)).toBe(true);
    expect(rangeContainsLayer([{ start: 2, ending: 'toEnd' }], 1, 3)).toBe(false);
  });
});
