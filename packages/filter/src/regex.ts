import { stringOfBytes } from './literal-values.js';
import { latin1 } from './values.js';

/**
 * The right side of "matches": Wireshark compiles it with PCRE2, caseless
 * and not in UTF mode; here it becomes a JS RegExp with the common PCRE
 * syntax translated (\A \z \Z, PCRE's "$", [[:class:]], \Q..\E, \h \R \e,
 * \x{..}, leading (?i)/(?s)/(?m) flags). Constructs JS lacks (possessive
 * quantifiers, atomic groups, recursion) are compile errors, and JS's
 * caseless matching also folds non-ASCII letters where PCRE would not.
 */
export interface FilterRegex {
  /** For text values: the pattern as text. */
  readonly text: RegExp;
  /** For byte values: the pattern as one-byte characters, applied to latin1 strings. */
  readonly binary: RegExp;
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: '0-9A-Za-z', upper: 'A-Z', lower: 'a-z', space: '\\t\\n\\v\\f\\r ',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', word: '\\w', cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~', graph: '!-~', ascii: '\\x00-\\x7f',
};

function escapeLiteral(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** Translate PCRE syntax to JS; returns the source and the flags. */
function translate(pattern: string): { source: string; flags: string } {
  let flags = 'i';
  let p = pattern;
  // Option settings at the very start apply to the whole pattern.
  for (let m = /^\(\?([imsx]*)(?:-([imsx]*))?\)/.exec(p); m && (m[1] || m[2]); m = /^\(\?([imsx]*)(?:-([imsx]*))?\)/.exec(p)) {
    for (const f of m[1]!) if (f !== 'x' && !flags.includes(f)) flags += f;
    for (const f of m[2] ?? '') flags = flags.replace(f, '');
    if (m[1]!.includes('x')) throw new SyntaxError('extended mode (?x) is not supported');
    p = p.slice(m[0].length);
  }
  const multiline = flags.includes('m');
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      const n = p[i + 1];
      if (n === undefined) throw new SyntaxError('\\ at end of pattern');
      i++;
      if (n === 'Q') {
        const end = p.indexOf('\\E', i + 1);
        const lit = end < 0 ? p.slice(i + 1) : p.slice(i + 1, end);
        out += escapeLiteral(lit);
        i = end < 0 ? p.length : end + 1;
      } else if (n === 'E') {
        // A stray \E is ignored by PCRE.
      } else if (n === 'A' && !inClass) out += '(?<![\\s\\S])';
      else if (n === 'z' && !inClass) out += '(?![\\s\\S])';
      else if (n === 'Z' && !inClass) out += '(?=\\n?(?![\\s\\S]))';
      else if (n === 'h') out += inClass ? ' \\t\\xa0' : '[ \\t\\xa0]';
      else if (n === 'H' && !inClass) out += '[^ \\t\\xa0]';
      else if (n === 'v') out += inClass ? '\\n\\x0b\\f\\r\\x85' : '[\\n\\x0b\\f\\r\\x85]';
      else if (n === 'R' && !inClass) out += '(?:\\r\\n|[\\n\\x0b\\f\\r\\x85])';
      else if (n === 'e') out += '\\x1b';
      else if (n === 'x' && p[i + 1] === '{') {
        const end = p.indexOf('}', i);
        if (end < 0) throw new SyntaxError('missing } after \\x{');
        const code = parseInt(p.slice(i + 2, end), 16);
        if (!Number.isFinite(code) || code > 0xff) throw new SyntaxError('character code point value in \\x{} is too large');
        out += `\\x${code.toString(16).padStart(2, '0')}`;
        i = end;
      } else out += '\\' + n;
      continue;
    }
    if (inClass) {
      if (c === '[' && p[i + 1] === ':') {
        const end = p.indexOf(':]', i + 2);
        const name = end < 0 ? '' : p.slice(i + 2, end);
        const negated = name.startsWith('^');
        const cls = POSIX_CLASSES[negated ? name.slice(1) : name];
        if (cls === undefined) throw new SyntaxError(`unknown POSIX class name ${name}`);
        if (negated) throw new SyntaxError('negated POSIX classes are not supported');
        out += cls;
        i = end + 1;
        continue;
      }
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A ']' right after '[' or '[^' is a literal in PCRE.
      if (p[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (p[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '$' && !multiline) {
      // PCRE's "$" also matches before a final newline.
      out += '(?=\\n?(?![\\s\\S]))';
      continue;
    }
    if (c === '(' && p[i + 1] === '?') {
      if (p[i + 2] === '>') throw new SyntaxError('atomic groups are not supported');
      if (p[i + 2] === 'P' && p[i + 3] === '<') {
        out += '(?<';
        i += 3;
        continue;
      }
    }
    if ((c === '+' || c === '*' || c === '?' || c === '}') && p[i + 1] === '+') throw new SyntaxError('possessive quantifiers are not supported');
    out += c;
  }
  return { source: out, flags };
}

/** PCRE2's wording for the errors JS reports differently. */
const PCRE_MESSAGES: Record<string, string> = {
  'Unterminated group': 'missing closing parenthesis',
  "Unmatched ')'": 'unmatched closing parenthesis',
  'Nothing to repeat': 'quantifier does not follow a repeatable item',
  'Unterminated character class': 'missing terminating ] for character class',
  'Invalid group': 'unrecognized character after (? or (?-',
  'Lone quantifier brackets': 'quantifier does not follow a repeatable item',
  'Range out of order in character class': 'range out of order in character class',
};

function build(t: { source: string; flags: string }): RegExp {
  try {
    return new RegExp(t.source, t.flags);
  } catch (e) {
    const reason = (e as Error).message.replace(/^.*: /, '');
    throw new SyntaxError(PCRE_MESSAGES[reason] ?? reason);
  }
}

/** Compile the pattern bytes; throws SyntaxError with the reason when the pattern is not usable. */
export function compileRegex(pattern: Uint8Array): FilterRegex {
  return { text: build(translate(stringOfBytes(pattern))), binary: build(translate(latin1(pattern))) };
}
