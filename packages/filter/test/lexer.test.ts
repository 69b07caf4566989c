import { describe, expect, it } from 'vitest';
import { FilterSyntaxError } from '../src/filter-syntax-error.js';
import { Lexer } from '../src/lexer.js';
import { Tok, type Token } from '../src/tokens.js';

function tokens(text: string): Token[] {
  const lexer = new Lexer(text);
  const out: Token[] = [];
  for (let t = lexer.next(); t !== null; t = lexer.next()) out.push(t);
  return out;
}

const kinds = (text: string): Array<[string, string]> => tokens(text).map((t) => [Tok[t.tok], t.text]);

function lexError(text: string): FilterSyntaxError {
  try {
    tokens(text);
  } catch (e) {
    if (e instanceof FilterSyntaxError) return e;
    throw e;
  }
  throw new Error(`no error for ${text}`);
}

describe('lexer', () => {
  it('reads operators by longest match, keywords only as whole words', () => {
    expect(kinds('=== !== == != ~= ~ && & || ! <= >=')).toEqual([
      ['AllEq', '==='], ['AnyNe', '!=='], ['AnyEq', '=='], ['AllNe', '!='], ['AnyNe', '~='], ['Matches', '~'],
      ['And', '&&'], ['BitwiseAnd', '&'], ['Or', '||'], ['Not', '!'], ['Le', '<='], ['Ge', '>='],
    ]);
    expect(kinds('eq ne all_eq any_ne bitwise_and contains matches in not and or any all')).toEqual([
      ['AnyEq', 'eq'], ['AllNe', 'ne'], ['AllEq', 'all_eq'], ['AnyNe', 'any_ne'], ['BitwiseAnd', 'bitwise_and'],
      ['Contains', 'contains'], ['Matches', 'matches'], ['In', 'in'], ['Not', 'not'], ['And', 'and'], ['Or', 'or'],
      ['Any', 'any'], ['All', 'all'],
    ]);
    expect(kinds('android eqx')).toEqual([['Unparsed', 'android'], ['Unparsed', 'eqx']]);
  });

  it('keeps addresses, byte strings and hyphenated names as single values', () => {
    expect(kinds('10.0.0.0/8 fe80::1/64 2001:db8::/32 00:11:22:33:44:55 00-11-22 aa.bb 0011.2233.4455')).toEqual([
      ['Unparsed', '10.0.0.0/8'], ['Unparsed', 'fe80::1/64'], ['Unparsed', '2001:db8::/32'], ['Unparsed', '00:11:22:33:44:55'],
      ['Unparsed', '00-11-22'], ['Unparsed', 'aa.bb'], ['Unparsed', '0011.2233.4455'],
    ]);
    // An identifier may contain '-', so "tcp.port-1" is one (non-field) name; "-" alone is an operator.
    expect(kinds('tcp.port-1 tcp.port - 1')).toEqual([['Unparsed', 'tcp.port-1'], ['Unparsed', 'tcp.port'], ['Minus', '-'], ['Unparsed', '1']]);
    expect(kinds('53..60')).toEqual([['Unparsed', '53'], ['DotDot', '..'], ['Unparsed', '60']]);
  });

  it('tells fields (leading dot) and literals (leading colon) apart from other values', () => {
    expect(kinds('.tcp.port :1f :aa:bb')).toEqual([['Field', 'tcp.port'], ['Literal', ':1f'], ['Literal', ':aa:bb']]);
  });

  it('switches to slice and layer modes after [ and #', () => {
    expect(kinds('eth.src[0:3, -1] ip.src#2 ip.dst#[1-2]')).toEqual([
      ['Unparsed', 'eth.src'], ['LBracket', '['], ['RangeNode', '0:3'], ['Comma', ','], ['RangeNode', ' -1'], ['RBracket', ']'],
      ['Unparsed', 'ip.src'], ['Hash', '#'], ['Integer', '2'],
      ['Unparsed', 'ip.dst'], ['Hash', '#'], ['LBracket', '['], ['RangeNode', '1-2'], ['RBracket', ']'],
    ]);
  });

  it('decodes string escapes into bytes and keeps raw strings verbatim', () => {
    const [s] = tokens('"A\\x42\\103\\n\\"\\u00e9"');
    expect([...s!.bytes!]).toEqual([0x41, 0x42, 0x43, 0x0a, 0x22, 0xc3, 0xa9]);
    expect(s!.text).toBe('"ABC\\n\\"é"');
    expect([s!.start, s!.length]).toEqual([0, 21]);
    const [r] = tokens('r"a\\d+\\""');
    expect(Buffer.from(r!.bytes!).toString()).toBe('a\\d+\\"');
  });

  it('reads character constants, including Wireshark 4.0 rejecting \'\\n\'', () => {
    expect(tokens("'a' '\\x41' '\\101' '\\t' '\\u00e9'").map((t) => t.char)).toEqual([0x61, 0x41, 0x41, 9, 0xe9]);
    expect(lexError("'\\n'").message).toBe("'\\n' is too long to be a valid character constant.");
  });

  it('reports bad characters, escapes and unterminated literals where they are', () => {
    expect(lexError('a | b')).toMatchObject({ message: '"|" was unexpected in this context.', position: 2, length: 1 });
    expect(lexError('x == "ab\\qc"')).toMatchObject({ message: '\\q is not a valid character escape sequence', position: 8, length: 2 });
    expect(lexError('x == "abc')).toMatchObject({ message: 'The final quote was missing from a quoted string.', position: 9, length: 0 });
    expect(lexError('x[1:2')).toMatchObject({ message: 'The right bracket was missing from a slice.', position: 5, length: 0 });
    expect(lexError('x#y')).toMatchObject({ message: 'Expected digit or "[", not "y"', position: 2 });
    expect(lexError('x == \x01').message).toBe('Non-printable ASCII characters may only appear inside double-quotes.');
  });
});
