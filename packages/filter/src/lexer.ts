import { fail } from './filter-syntax-error.js';
import { charConstValue, escapeStringToken, scanCharConstEnd, scanQuotedString } from './quoted-literals.js';
import { Tok, type Token } from './tokens.js';

/** Keywords and punctuation, in the scanner's rule order (earlier wins a tie). */
const FIXED: ReadonlyArray<readonly [string, Tok]> = [
  ['(', Tok.LParen], [')', Tok.RParen], [',', Tok.Comma], ['{', Tok.LBrace], ['..', Tok.DotDot], ['}', Tok.RBrace],
  ['$', Tok.Dollar], ['any', Tok.Any], ['all', Tok.All],
  ['==', Tok.AnyEq], ['eq', Tok.AnyEq], ['any_eq', Tok.AnyEq],
  ['!=', Tok.AllNe], ['ne', Tok.AllNe], ['all_ne', Tok.AllNe],
  ['===', Tok.AllEq], ['all_eq', Tok.AllEq],
  ['!==', Tok.AnyNe], ['~=', Tok.AnyNe], ['any_ne', Tok.AnyNe],
  ['>', Tok.Gt], ['gt', Tok.Gt], ['>=', Tok.Ge], ['ge', Tok.Ge], ['<', Tok.Lt], ['lt', Tok.Lt], ['<=', Tok.Le], ['le', Tok.Le],
  ['contains', Tok.Contains], ['~', Tok.Matches], ['matches', Tok.Matches],
  ['!', Tok.Not], ['not', Tok.Not], ['&&', Tok.And], ['and', Tok.And], ['||', Tok.Or], ['or', Tok.Or], ['in', Tok.In],
  ['+', Tok.Plus], ['-', Tok.Minus], ['*', Tok.Star], ['/', Tok.Slash], ['%', Tok.Percent],
  ['&', Tok.BitwiseAnd], ['bitwise_and', Tok.BitwiseAnd], ['#', Tok.Hash], ['[', Tok.LBracket],
];

// The value rules after the keywords; each is tried on its own and the longest match wins.
const H2 = '[0-9A-Fa-f]{2}';
const MAC = [
  new RegExp(`${H2}:${H2}:${H2}:${H2}:${H2}:${H2}`, 'y'),
  new RegExp(`${H2}-${H2}-${H2}-${H2}-${H2}-${H2}`, 'y'),
  new RegExp(`${H2}\\.${H2}\\.${H2}\\.${H2}\\.${H2}\\.${H2}`, 'y'),
  /[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}/y,
];
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const IPV4 = `${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}`;
const IPV4_EXACT = new RegExp(`^${IPV4}$`);
const H16 = '[0-9A-Fa-f]{1,4}';
const LS32 = `(?:${H16}:${H16}|${IPV4})`;
const IPV6_EXACT = new RegExp(
  '^(?:' +
    [
      `(?:${H16}:){6}${LS32}`,
      `::(?:${H16}:){5}${LS32}`,
      `(?:${H16})?::(?:${H16}:){4}${LS32}`,
      `(?:(?:${H16}:){0,1}${H16})?::(?:${H16}:){3}${LS32}`,
      `(?:(?:${H16}:){0,2}${H16})?::(?:${H16}:){2}${LS32}`,
      `(?:(?:${H16}:){0,3}${H16})?::${H16}:${LS32}`,
      `(?:(?:${H16}:){0,4}${H16})?::${LS32}`,
      `(?:(?:${H16}:){0,5}${H16})?::${H16}`,
      `(?:(?:${H16}:){0,6}${H16})?::`,
    ].join('|') +
    ')$',
);
const BYTES = [new RegExp(`:?${H2}(?::${H2})+`, 'y'), new RegExp(`:?${H2}(?:\\.${H2})+`, 'y'), new RegExp(`:?${H2}(?:-${H2})+`, 'y')];
const COLON_NUMBER = /:[0-9A-Fa-f]+/y;
const IDENTIFIER = /\.?[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*/y;
const BLANKS = /[ \t\n]+/y;

function stickyLength(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0].length : 0;
}

/**
 * Longest prefix of the run of `chars` at `at` that `exact` accepts (an
 * address is at most `maxLength` long), plus an optional "/digits" suffix.
 */
function addressLength(text: string, at: number, chars: RegExp, exact: RegExp, maxLength: number, prefixDigits: number): number {
  let run = at;
  while (run < text.length && run - at < maxLength && chars.test(text[run]!)) run++;
  let best = 0;
  for (let end = run; end > at; end--) {
    if (!exact.test(text.slice(at, end))) continue;
    let total = end - at;
    if (text[end] === '/') {
      let d = end + 1;
      while (d < text.length && d - end - 1 < prefixDigits && /[0-9]/.test(text[d]!)) d++;
      if (d > end + 1) total = d - at;
    }
    if (total > best) best = total;
  }
  return best;
}

enum Mode { Initial, Layer, Range }

/**
 * Wireshark 4.0's display-filter scanner (scanner.l): tokens on demand,
 * longest match first, keywords before values on a tie. Errors the
 * scanner reports are thrown as FilterSyntaxError when the token is read.
 */
export class Lexer {
  private pos = 0;
  private mode = Mode.Initial;

  constructor(private readonly text: string) {}

  /** The next token, or null at the end of the text. */
  next(): Token | null {
    const text = this.text;
    if (this.mode === Mode.Range) return this.rangeToken();
    if (this.mode === Mode.Layer) return this.layerToken();
    for (;;) {
      if (this.pos >= text.length) return null;
      const blank = stickyLength(BLANKS, text, this.pos);
      if (blank === 0) break;
      this.pos += blank;
    }
    const at = this.pos;
    const c = text[at]!;
    if (c === '"' || ((c === 'r' || c === 'R') && text[at + 1] === '"')) return this.stringToken(at, c !== '"');
    if (c === "'") return this.charToken(at);

    // Longest of the keyword and value rules; ties go to the earlier rule.
    const best: { len: number; tok: Tok | null } = { len: 0, tok: null };
    const consider = (len: number, tok: Tok): void => {
      if (len > best.len) {
        best.len = len;
        best.tok = tok;
      }
    };
    for (const [s, tok] of FIXED) if (text.startsWith(s, at)) consider(s.length, tok);
    // Values start with a hex digit, ':' or an identifier character; skip their rules otherwise.
    if (/[0-9A-Za-z_:.]/.test(c)) {
      for (const re of MAC) consider(stickyLength(re, text, at), Tok.Unparsed);
      consider(addressLength(text, at, /[0-9.]/, IPV4_EXACT, 15, 2), Tok.Unparsed);
      consider(addressLength(text, at, /[0-9A-Fa-f:.]/, IPV6_EXACT, 45, 3), Tok.Unparsed);
      // Byte strings with a leading colon can never be field names; ".name" always is one.
      for (const re of BYTES) consider(stickyLength(re, text, at), c === ':' ? Tok.Literal : Tok.Unparsed);
      consider(stickyLength(COLON_NUMBER, text, at), Tok.Literal);
      consider(stickyLength(IDENTIFIER, text, at), c === '.' ? Tok.Field : Tok.Unparsed);
    }
    if (best.tok === null) {
      const ch = String.fromCodePoint(text.codePointAt(at)!);
      const printable = /^[\x20-\x7e]$/.test(ch);
      fail(printable ? `"${ch}" was unexpected in this context.` : 'Non-printable ASCII characters may only appear inside double-quotes.', { start: at, length: ch.length });
    }
    const tok = best.tok;
    const word = text.slice(tok === Tok.Field ? at + 1 : at, at + best.len);
    this.pos = at + best.len;
    if (tok === Tok.Hash) this.mode = Mode.Layer;
    else if (tok === Tok.LBracket) this.mode = Mode.Range;
    return { tok, text: word, start: at, length: best.len };
  }

  private stringToken(at: number, raw: boolean): Token {
    const open = raw ? 2 : 1;
    const { bytes, end } = scanQuotedString(this.text, at + open, raw);
    this.pos = end;
    return { tok: Tok.String, text: escapeStringToken(bytes), start: at, length: end - at, bytes };
  }

  private charToken(at: number): Token {
    const end = scanCharConstEnd(this.text, at);
    this.pos = end;
    const s = this.text.slice(at, end);
    const span = { start: at, length: end - at };
    return { tok: Tok.CharConst, text: s, start: at, length: end - at, char: charConstValue(s, span) };
  }

  /** After '#': digits, or '[' opening a range list. */
  private layerToken(): Token | null {
    const text = this.text;
    const at = this.pos;
    if (at >= text.length) return null;
    if (text[at] === '[') {
      this.pos++;
      this.mode = Mode.Range;
      return { tok: Tok.LBracket, text: '[', start: at, length: 1 };
    }
    let end = at;
    while (end < text.length && /[0-9]/.test(text[end]!)) end++;
    if (end === at) {
      const ch = String.fromCodePoint(text.codePointAt(at)!);
      fail(`Expected digit or "[", not "${ch}"`, { start: at, length: ch.length });
    }
    this.pos = end;
    this.mode = Mode.Initial;
    return { tok: Tok.Integer, text: text.slice(at, end), start: at, length: end - at };
  }

  /** Inside [...]: range nodes separated by commas, up to ']'. */
  private rangeToken(): Token {
    const text = this.text;
    const at = this.pos;
    if (at >= text.length) fail('The right bracket was missing from a slice.', { start: text.length, length: 0 });
    const c = text[at]!;
    if (c === ']') {
      this.pos++;
      this.mode = Mode.Initial;
      return { tok: Tok.RBracket, text: ']', start: at, length: 1 };
    }
    if (c === ',') {
      this.pos++;
      return { tok: Tok.Comma, text: ',', start: at, length: 1 };
    }
    let end = at;
    while (end < text.length && text[end] !== ']' && text[end] !== ',') end++;
    this.pos = end;
    return { tok: Tok.RangeNode, text: text.slice(at, end), start: at, length: end - at };
  }
}
