import type { SourceSpan } from './filter-syntax-error.js';

/** The terminals of Wireshark 4.0's display-filter grammar (grammar.lemon). */
export enum Tok {
  LParen,
  RParen,
  Comma,
  LBrace,
  RBrace,
  DotDot,
  Dollar,
  Any,
  All,
  AnyEq,
  AllNe,
  AllEq,
  AnyNe,
  Gt,
  Ge,
  Lt,
  Le,
  Contains,
  Matches,
  Not,
  And,
  Or,
  In,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  BitwiseAnd,
  Hash,
  LBracket,
  RBracket,
  /** The text between brackets: "0:3", "-1", "2-4". */
  RangeNode,
  /** Digits after '#'. */
  Integer,
  /** "..." or r"..." */
  String,
  /** 'c' */
  CharConst,
  /** A name, number, address or byte string: a field if the registry knows the name, else a literal. */
  Unparsed,
  /** A value that can never be a field (":1f", ":aa:bb"). */
  Literal,
  /** ".name": always a field. */
  Field,
}

export interface Token extends SourceSpan {
  readonly tok: Tok;
  /** The token as tshark shows it in messages (strings re-escaped and quoted). */
  readonly text: string;
  /** String tokens: the bytes the literal stands for. */
  readonly bytes?: Uint8Array;
  /** Character constants: the value. */
  readonly char?: number;
}

/** The comparison tokens, which share one grammar rule. */
export function isComparison(t: Tok): boolean {
  return t >= Tok.AnyEq && t <= Tok.Le;
}
