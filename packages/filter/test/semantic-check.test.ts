import { FT, fieldRegistry } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import type { Operand, Test } from '../src/checked-tree.js';
import { FilterSyntaxError } from '../src/filter-syntax-error.js';
import { parseFilter } from '../src/parser.js';
import { checkFilter } from '../src/semantic-check.js';

function check(text: string): Test {
  return checkFilter(parseFilter(text, fieldRegistry)!, text);
}

function checkError(text: string): FilterSyntaxError {
  try {
    check(text);
  } catch (e) {
    if (e instanceof FilterSyntaxError) return e;
    throw e;
  }
  throw new Error(`no error for ${text}`);
}

/** An operand in short: field names, constants, slices, calls, arithmetic. */
function operand(o: Operand): unknown {
  switch (o.k) {
    case 'field': return o.defs[0]!.abbrev;
    case 'reference': return 'ref';
    case 'const': return o.value;
    case 'slice': return { slice: operand(o.of), range: o.range };
    case 'call': return { [o.fn]: o.args.map(operand) };
    case 'arith': return { [o.op]: [operand(o.left), ...(o.right ? [operand(o.right)] : [])], ftype: o.ftype };
  }
}

function relation(text: string): unknown {
  const t = check(text);
  if (t.k !== 'compare') throw new Error(`not a comparison: ${t.k}`);
  return { op: t.op, all: t.all, lhs: operand(t.lhs), rhs: operand(t.rhs) };
}

describe('semantic check', () => {
  it('gives each operator its any/all meaning', () => {
    expect(relation('tcp.port == 80')).toEqual({ op: 'eq', all: false, lhs: 'tcp.port', rhs: 80 });
    expect(relation('tcp.port != 80')).toMatchObject({ op: 'ne', all: true });
    expect(relation('tcp.port === 80')).toMatchObject({ op: 'eq', all: true });
    expect(relation('tcp.port !== 80')).toMatchObject({ op: 'ne', all: false });
    expect(relation('all tcp.port > 80')).toMatchObject({ op: 'gt', all: true });
    expect(relation('any tcp.port != 80')).toMatchObject({ op: 'ne', all: false });
  });

  it('converts constants to the type of the left side, value names included', () => {
    expect(relation('ip.addr == 10.0.0.0/8')).toMatchObject({ rhs: { addr: 0x0a000000, mask: 0xff000000 } });
    expect(relation('ip.proto == "UDP"')).toMatchObject({ rhs: 17 });
    expect(relation('tcp.flags.syn == Set')).toMatchObject({ rhs: 1 });
    expect(relation("tcp.srcport == 'P'")).toMatchObject({ rhs: 0x50 });
    // A negated constant is folded; for an unsigned field it becomes a signed value.
    expect(relation('udp.port == -1')).toMatchObject({ rhs: -1 });
  });

  it('compares a non-byte field with a slice as a byte string', () => {
    expect(relation('ip.src == frame[26:4]')).toEqual({
      op: 'eq',
      all: false,
      lhs: { slice: 'ip.src', range: [{ start: 0, ending: 'toEnd' }] },
      rhs: { slice: 'frame', range: [{ start: 26, ending: 'length', length: 4 }] },
    });
    expect(relation('eth.src == frame[6:6]')).toMatchObject({ lhs: 'eth.src' });
  });

  it('types arithmetic by its first term and converts the other side for it', () => {
    expect(relation('frame.len - 14 > 100')).toMatchObject({ lhs: { subtract: ['frame.len', 14], ftype: FT.UINT32 }, rhs: 100 });
    expect(relation('{ip.ttl + tcp.hdr_len} * 2 == 0x80')).toMatchObject({ lhs: { multiply: [{ add: ['ip.ttl', 'tcp.hdr_len'] }, 2] }, rhs: 128 });
  });

  it('turns bare arithmetic and slices into "not zero" tests', () => {
    expect(check('tcp.flags & 0x12')).toMatchObject({ k: 'nonzero', operand: { k: 'arith', op: 'bitwiseAnd' } });
    expect(check('eth.src[2:]')).toMatchObject({ k: 'nonzero', operand: { k: 'call', fn: 'len' } });
  });

  it('checks function arguments and return types', () => {
    expect(relation('len(tcp.payload) > 1000')).toMatchObject({ lhs: { len: ['tcp.payload'] }, rhs: 1000 });
    expect(relation('max(tcp.srcport, tcp.dstport, 1024) < 2000')).toMatchObject({ lhs: { max: ['tcp.srcport', 'tcp.dstport', 1024] } });
    expect(checkError('max(tcp.srcport, ip.ttl) == 1').message).toBe("Arguments to 'max' must have the same type (expected FT_UINT16, got FT_UINT8)");
    expect(checkError('abs(ip.src) == 1').message).toBe("'ip.src' is not a valid argument to 'abs'()");
  });

  it('rejects what Wireshark 4.0 rejects, blaming the right operand', () => {
    expect(checkError('tcp.port == ip.src')).toMatchObject({ message: 'tcp.port and ip.src are not of compatible types.', position: 12, length: 6 });
    expect(checkError('ip.src contains 10')).toMatchObject({ message: 'ip.src (type=IPv4 address) cannot participate in contains comparison.', position: 0 });
    expect(checkError('tcp.port[0] == 1')).toMatchObject({ message: '"tcp.port" is a Unsigned integer (2 bytes) and cannot be sliced into a sequence of bytes.' });
    expect(checkError('len(tcp.port)')).toMatchObject({ message: 'You cannot test whether a function is present.' });
    expect(checkError('tcp.port in {frame[0]}')).toMatchObject({ message: 'A slice may not appear inside a set.' });
  });
});
