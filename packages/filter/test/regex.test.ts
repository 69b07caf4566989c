import { describe, expect, it } from 'vitest';
import { compileRegex } from '../src/regex.js';
import { latin1 } from '../src/values.js';

const re = (pattern: string): ReturnType<typeof compileRegex> => compileRegex(Uint8Array.from(Buffer.from(pattern, 'utf8')));
const matches = (pattern: string, subject: string): boolean => re(pattern).text.test(subject);

describe('matches: PCRE patterns as JS regular expressions', () => {
  it('is caseless, unless the pattern starts by turning that off', () => {
    expect(matches('^get ', 'GET / HTTP/1.1')).toBe(true);
    expect(matches('(?-i)^get ', 'GET / HTTP/1.1')).toBe(false);
  });

  it('lets $ match before a final newline, as PCRE does, and \\z only at the very end', () => {
    expect(matches('OK$', '+OK\n')).toBe(true);
    expect(matches('OK\\z', '+OK\n')).toBe(false);
    expect(matches('OK\\Z', '+OK\n')).toBe(true);
    expect(matches('\\AUSER', 'USER alice')).toBe(true);
  });

  it('knows POSIX classes, \\Q..\\E quoting, \\h and \\x{..}', () => {
    expect(matches('^[[:digit:]]{3}[[:space:]]', '250 OK')).toBe(true);
    expect(matches('\\Qa.b\\E', 'axb')).toBe(false);
    expect(matches('\\Qa.b\\E', 'a.b')).toBe(true);
    expect(matches('a\\hb', 'a\tb')).toBe(true);
    expect(matches('\\x{41}', 'A')).toBe(true);
  });

  it('matches byte values through their one-byte characters', () => {
    const r = re('\\x00\\xff');
    expect(r.binary.test(latin1(Uint8Array.of(1, 0, 0xff, 2)))).toBe(true);
    expect(r.binary.test(latin1(Uint8Array.of(0xff, 0)))).toBe(false);
  });

  it('rejects what JS cannot do, with PCRE2 wording where it has one', () => {
    expect(() => re('(?>ab)')).toThrow('atomic groups are not supported');
    expect(() => re('a++')).toThrow('possessive quantifiers are not supported');
    expect(() => re('(ab')).toThrow('missing closing parenthesis');
    expect(() => re('*a')).toThrow('quantifier does not follow a repeatable item');
  });
});
