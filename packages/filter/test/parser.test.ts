import { fieldRegistry } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import { drangeText } from '../src/drange.js';
import { FilterSyntaxError } from '../src/filter-syntax-error.js';
import { parseFilter } from '../src/parser.js';
import type { SyntaxNode } from '../src/syntax-tree.js';

/** A compact picture of a syntax tree: (op left right), fields as names, literals quoted. */
function shape(n: SyntaxNode | null): string {
  if (n === null) return '<empty>';
  switch (n.type) {
    case 'test': {
      const inner = [n.op, shape(n.left), ...(n.right ? [shape(n.right)] : [])].join(' ');
      return n.match === 'default' ? `(${inner})` : `(${n.match} ${inner})`;
    }
    case 'arith': return `(${[n.op, shape(n.left), ...(n.right ? [shape(n.right)] : [])].join(' ')})`;
    case 'field': return n.layers ? `${n.defs[0]!.abbrev}#[${drangeText(n.layers)}]` : n.defs[0]!.abbrev;
    case 'reference': return `\${${n.defs[0]!.abbrev}}`;
    case 'literal': return `'${n.text}'`;
    case 'string': return `"${Buffer.from(n.bytes).toString()}"`;
    case 'charconst': return `c${n.value}`;
    case 'function': return `${n.fn.name}(${n.params.map(shape).join(', ')})`;
    case 'slice': return `${shape(n.entity)}[${drangeText(n.range)}]`;
    case 'set': return `{${n.elements.map(([a, b]) => (b ? `${shape(a)}..${shape(b)}` : shape(a))).join(', ')}}`;
  }
}

const parse = (text: string): string => shape(parseFilter(text, fieldRegistry));

function parseError(text: string): FilterSyntaxError {
  try {
    parseFilter(text, fieldRegistry);
  } catch (e) {
    if (e instanceof FilterSyntaxError) return e;
    throw e;
  }
  throw new Error(`no error for ${text}`);
}

describe('parser', () => {
  it('returns nothing for an empty or blank filter', () => {
    expect(parse('')).toBe('<empty>');
    expect(parse('  \t\n')).toBe('<empty>');
  });

  it('binds not tighter than and, and tighter than or', () => {
    expect(parse('tcp || udp && !icmp')).toBe('(or tcp (and udp (not icmp)))');
    expect(parse('not tcp.port == 80 and (udp or arp)')).toBe('(and (not (anyEq tcp.port \'80\')) (or udp arp))');
  });

  it('maps each comparison to its Wireshark 4.0 meaning', () => {
    // Only the semantic check rejects constants on both sides.
    expect(parse('a == b')).toBe("(anyEq 'a' 'b')");
    expect(parse('tcp.port == 1 && tcp.port != 2 && tcp.port === 3 && tcp.port !== 4')).toBe(
      "(and (and (and (anyEq tcp.port '1') (allNe tcp.port '2')) (allEq tcp.port '3')) (anyNe tcp.port '4'))",
    );
    expect(parse('any tcp.port > 1 || all tcp.port le 2')).toBe("(or (any gt tcp.port '1') (all le tcp.port '2'))");
  });

  it('turns a comparison chain into an "and" of neighbouring comparisons', () => {
    expect(parse('tcp.srcport < tcp.dstport <= 1024')).toBe("(and (lt tcp.srcport tcp.dstport) (le tcp.dstport '1024'))");
  });

  it('reads sets with values and ranges, and "not in"', () => {
    expect(parse('tcp.port in {80, 443..445, -1}')).toBe("(in tcp.port {'80', '443'..'445', (unaryMinus '1')})");
    expect(parse('udp.port not in {53}')).toBe("(not (in udp.port {'53'}))");
  });

  it('reads slices, layers, references and function calls', () => {
    expect(parse('eth.src[0:3,-1] == frame[1-2][0]')).toBe("(anyEq eth.src[0:3,-1:1] frame[1-2][0:1])");
    expect(parse('ip.src#2 == ip.dst#[1:2]')).toBe('(anyEq ip.src#[2:1] ip.dst#[1:2])');
    expect(parse('ip.src == ${ip.dst}')).toBe('(anyEq ip.src ${ip.dst})');
    expect(parse('max(tcp.srcport, tcp.dstport + 1) > len(tcp.payload)')).toBe('(gt max(tcp.srcport, (add tcp.dstport \'1\')) len(tcp.payload))');
  });

  it('gives arithmetic the usual precedence, with braces for grouping', () => {
    expect(parse('tcp.flags & 2 + 3 * 4 == 0')).toBe("(anyEq (bitwiseAnd tcp.flags (add '2' (multiply '3' '4'))) '0')");
    expect(parse('{tcp.srcport - 1} % 2 == -tcp.dstport')).toBe("(anyEq (modulo (subtract tcp.srcport '1') '2') (unaryMinus tcp.dstport))");
    expect(parse('tcp.flags & 0x02')).toBe("(bitwiseAnd tcp.flags '0x02')");
  });

  it('treats a known name as a field and anything else as a literal', () => {
    expect(parse('ip.proto == udp')).toBe('(anyEq ip.proto udp)');
    expect(parse('ip.proto == UDP')).toBe("(anyEq ip.proto 'UDP')");
    expect(parse('frame contains "GET" || frame matches r"\\d+"')).toBe('(or (contains frame "GET") (matches frame "\\d+"))');
    expect(parse("tcp.payload[0] == 'G'")).toBe('(anyEq tcp.payload[0:1] c71)');
  });

  it('reports the first token that does not fit, where it is', () => {
    expect(parseError('(tcp')).toMatchObject({ message: 'Unexpected end of filter expression.', position: 4, length: 0 });
    expect(parseError('tcp.port == 80 )')).toMatchObject({ message: '")" was unexpected in this context.', position: 15, length: 1 });
    expect(parseError('tcp.port in {80 443}')).toMatchObject({ message: '"443" was unexpected in this context.', position: 16, length: 3 });
    expect(parseError('tcp.port + 1 contains 2')).toMatchObject({ message: '"contains" was unexpected in this context.', position: 13 });
    expect(parseError('any tcp.port')).toMatchObject({ message: 'Unexpected end of filter expression.' });
    expect(parseError('foo(tcp.port)')).toMatchObject({ message: "Function 'foo' does not exist", position: 0, length: 3 });
    expect(parseError('.tcp.prot')).toMatchObject({ message: '"tcp.prot" is not a valid protocol or protocol field.', position: 0, length: 9 });
    expect(parseError('eth.src[2-1]')).toMatchObject({ message: "Range 2-1 isn't valid because 2 is greater or equal than 1", position: 8, length: 3 });
  });
});
