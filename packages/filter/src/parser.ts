import type { FieldDef, FieldRegistry } from '@netdissect/core';
import { parseRangeNode, type Drange, type RangeNode } from './drange.js';
import { fail, type SourceSpan } from './filter-syntax-error.js';
import { lookupFunction } from './functions.js';
import { Lexer } from './lexer.js';
import type { ArithNode, ArithOp, FieldRefNode, SetNode, SyntaxNode, TestNode, TestOp } from './syntax-tree.js';
import { isComparison, Tok, type Token } from './tokens.js';

/**
 * Deepest nesting accepted (parentheses, "!", braces, function calls, and
 * chains of arithmetic or slices). Wireshark's parser has a fixed stack
 * too; this limit keeps the parser and the passes after it, which
 * recurse, within the JS stack. Chains of "and"/"or" are not nesting.
 */
const MAX_DEPTH = 500;

const COMPARISON_OPS: Partial<Record<Tok, TestOp>> = {
  [Tok.AnyEq]: 'anyEq', [Tok.AllEq]: 'allEq', [Tok.AllNe]: 'allNe', [Tok.AnyNe]: 'anyNe',
  [Tok.Gt]: 'gt', [Tok.Ge]: 'ge', [Tok.Lt]: 'lt', [Tok.Le]: 'le',
};

/** An arithmetic expression, and whether it is a bare entity (only those may be tested with contains/matches/in). */
interface Arith {
  node: SyntaxNode;
  entity: boolean;
}

/**
 * Parses a display filter into a syntax tree, accepting exactly the
 * language of Wireshark 4.0's grammar.lemon and reporting the first token
 * that does not fit as tshark does. Returns null for an empty filter.
 */
export function parseFilter(text: string, registry: FieldRegistry): SyntaxNode | null {
  return new Parser(text, registry).sentence();
}

class Parser {
  private readonly lexer: Lexer;
  /** undefined: not read yet. */
  private lookahead: Token | null | undefined = undefined;
  /** How deeply nested the current position is (see MAX_DEPTH). */
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly registry: FieldRegistry,
  ) {
    this.lexer = new Lexer(text);
  }

  sentence(): SyntaxNode | null {
    if (this.peek() === null) return null;
    const e = this.expr();
    const extra = this.peek();
    if (extra !== null) this.unexpected(extra);
    return e;
  }

  // ---- token stream ----

  /** The next token (null at the end), read from the scanner on first look. */
  private peek(): Token | null {
    if (this.lookahead === undefined) {
      const t = this.lexer.next();
      // ".name" must be a field; the scanner checks as soon as it reads the token.
      if (t?.tok === Tok.Field && !this.registry.lookup(t.text)) fail(`"${t.text}" is not a valid protocol or protocol field.`, t);
      this.lookahead = t;
    }
    return this.lookahead;
  }

  private take(): Token {
    const t = this.peek();
    if (t === null) this.unexpected(null);
    this.lookahead = undefined;
    return t;
  }

  private is(tok: Tok): boolean {
    return this.peek()?.tok === tok;
  }

  private expect(tok: Tok): Token {
    const t = this.peek();
    if (t === null || t.tok !== tok) this.unexpected(t);
    return this.take();
  }

  /** Go one level deeper at `at`; the caller restores `depth` when the level ends. */
  private nest(at: Token | null): void {
    if (++this.depth > MAX_DEPTH) fail('Filter expression is nested too deeply.', at ?? { start: this.text.length, length: 0 });
  }

  /** Parse one nested level. */
  private nested<T>(at: Token | null, parse: () => T): T {
    const outer = this.depth;
    this.nest(at);
    const result = parse();
    this.depth = outer;
    return result;
  }

  private unexpected(t: Token | null): never {
    if (t === null) fail('Unexpected end of filter expression.', { start: this.text.length, length: 0 });
    fail(`"${t.text}" was unexpected in this context.`, t);
  }

  // ---- logical expressions ----

  private expr(): SyntaxNode {
    let left = this.andExpr();
    while (this.is(Tok.Or)) {
      const op = this.take();
      left = test('or', left, this.andExpr(), op);
    }
    return left;
  }

  private andExpr(): SyntaxNode {
    let left = this.notExpr();
    while (this.is(Tok.And)) {
      const op = this.take();
      left = test('and', left, this.notExpr(), op);
    }
    return left;
  }

  private notExpr(): SyntaxNode {
    return this.nested(this.peek(), () => this.notExprBody());
  }

  private notExprBody(): SyntaxNode {
    if (this.is(Tok.Not)) {
      const op = this.take();
      return test('not', this.notExpr(), null, op);
    }
    if (this.is(Tok.LParen)) {
      this.take();
      const e = this.expr();
      this.expect(Tok.RParen);
      return e;
    }
    if (this.is(Tok.Any) || this.is(Tok.All)) {
      const quantifier = this.take();
      const r = this.relation(true) as TestNode;
      return { ...r, match: quantifier.tok === Tok.Any ? 'any' : 'all' };
    }
    return this.relation(false);
  }

  /** A relation test, or (unless one is required) a bare arithmetic expression. */
  private relation(required: boolean): SyntaxNode {
    const a = this.arith();
    const next = this.peek();
    if (next !== null && isComparison(next.tok)) return this.comparisonChain(a.node);
    if (next !== null && a.entity) {
      switch (next.tok) {
        case Tok.Contains: case Tok.Matches: {
          const op = this.take();
          return test(op.tok === Tok.Contains ? 'contains' : 'matches', a.node, this.entity(), op);
        }
        case Tok.In: {
          const op = this.take();
          return test('in', a.node, this.set(), op);
        }
        case Tok.Not: {
          const not = this.take();
          const op = this.expect(Tok.In);
          return test('not', test('in', a.node, this.set(), op), null, not);
        }
        default:
          break;
      }
    }
    if (required) this.unexpected(next);
    return a.node;
  }

  /** 'a == b' or 'a < b <= c': each link is its own test, all joined with "and". */
  private comparisonChain(first: SyntaxNode): SyntaxNode {
    const outer = this.depth;
    const operands = [first];
    const ops: Token[] = [];
    for (let t = this.peek(); t !== null && isComparison(t.tok); t = this.peek()) {
      this.nest(t);
      ops.push(this.take());
      operands.push(this.arith().node);
    }
    let result: SyntaxNode = test(COMPARISON_OPS[ops[ops.length - 1]!.tok]!, operands[ops.length - 1]!, operands[ops.length]!, ops[ops.length - 1]!);
    for (let i = ops.length - 2; i >= 0; i--) {
      const link = test(COMPARISON_OPS[ops[i]!.tok]!, operands[i]!, operands[i + 1]!, ops[i]!);
      result = { type: 'test', op: 'and', left: link, right: result, match: 'default', loc: null, token: null };
    }
    this.depth = outer;
    return result;
  }

  // ---- arithmetic ----

  private arith(): Arith {
    return this.nested(this.peek(), () => {
      let left = this.additive();
      while (this.is(Tok.BitwiseAnd)) {
        const op = this.take();
        this.nest(op);
        left = { node: arith('bitwiseAnd', left.node, this.additive().node, op), entity: false };
      }
      return left;
    });
  }

  private additive(): Arith {
    const outer = this.depth;
    let left = this.multiplicative();
    while (this.is(Tok.Plus) || this.is(Tok.Minus)) {
      const op = this.take();
      this.nest(op);
      left = { node: arith(op.tok === Tok.Plus ? 'add' : 'subtract', left.node, this.multiplicative().node, op), entity: false };
    }
    this.depth = outer;
    return left;
  }

  private multiplicative(): Arith {
    const outer = this.depth;
    let left = this.unary();
    while (this.is(Tok.Star) || this.is(Tok.Slash) || this.is(Tok.Percent)) {
      const op = this.take();
      this.nest(op);
      const kind: ArithOp = op.tok === Tok.Star ? 'multiply' : op.tok === Tok.Slash ? 'divide' : 'modulo';
      left = { node: arith(kind, left.node, this.unary().node, op), entity: false };
    }
    this.depth = outer;
    return left;
  }

  private unary(): Arith {
    if (this.is(Tok.Plus)) {
      this.take();
      return { node: this.entity(), entity: false };
    }
    if (this.is(Tok.Minus)) {
      const op = this.take();
      return { node: arith('unaryMinus', this.entity(), null, op), entity: false };
    }
    if (this.is(Tok.LBrace)) {
      this.take();
      const inner = this.arith();
      this.expect(Tok.RBrace);
      return { node: inner.node, entity: false };
    }
    return { node: this.entity(), entity: true };
  }

  // ---- entities ----

  private entity(): SyntaxNode {
    const outer = this.depth;
    let e = this.primaryEntity();
    while (this.is(Tok.LBracket)) {
      this.nest(this.take());
      e = { type: 'slice', entity: e, range: this.rangeList(), loc: null, token: null };
    }
    this.depth = outer;
    return e;
  }

  private primaryEntity(): SyntaxNode {
    const t = this.peek();
    if (t === null) this.unexpected(null);
    switch (t.tok) {
      case Tok.String:
        this.take();
        return { type: 'string', bytes: t.bytes!, loc: span(t), token: t.text };
      case Tok.CharConst:
        this.take();
        return { type: 'charconst', value: t.char!, loc: span(t), token: t.text };
      case Tok.Literal:
        this.take();
        return { type: 'literal', text: t.text, loc: span(t), token: t.text };
      case Tok.Field:
        this.take();
        return this.withLayer(this.fieldNode(t, this.registry.lookup(t.text)!));
      case Tok.Unparsed:
        return this.unparsedEntity();
      case Tok.Dollar:
        return this.reference();
      default:
        this.unexpected(t);
    }
  }

  private unparsedEntity(): SyntaxNode {
    const u = this.take();
    const next = this.peek();
    if (next?.tok === Tok.LParen) return this.functionCall(u);
    const defs = this.registry.lookup(u.text);
    if (next?.tok === Tok.Hash) return this.withLayer(this.unparsedField(u));
    if (defs) return this.fieldNode(u, defs);
    return { type: 'literal', text: u.text, loc: span(u), token: u.text };
  }

  /** UNPARSED followed by a layer: it has to be a field. */
  private unparsedField(u: Token): FieldRefNode {
    const defs = this.registry.lookup(u.text);
    if (!defs) fail(`${u.text} is not a valid field`, u);
    return { type: 'field', defs, layers: null, loc: span(u), token: null };
  }

  private fieldNode(t: Token, defs: readonly FieldDef[]): FieldRefNode {
    return { type: 'field', defs, layers: null, loc: span(t), token: t.text };
  }

  /** An optional '#n' or '#[ranges]' after a field. */
  private withLayer(f: FieldRefNode): FieldRefNode {
    if (!this.is(Tok.Hash)) return f;
    this.take();
    const t = this.take();
    if (t.tok === Tok.Integer) return { ...f, layers: [this.rangeNode(t)] };
    if (t.tok !== Tok.LBracket) this.unexpected(t);
    return { ...f, layers: this.rangeList() };
  }

  private reference(): SyntaxNode {
    this.take();
    this.expect(Tok.LBrace);
    const t = this.peek();
    let f: FieldRefNode;
    if (t?.tok === Tok.Field) {
      this.take();
      f = this.withLayer(this.fieldNode(t, this.registry.lookup(t.text)!));
    } else if (t?.tok === Tok.Unparsed) {
      const u = this.take();
      f = this.is(Tok.Hash) ? this.withLayer(this.unparsedField(u)) : this.unparsedField(u);
    } else {
      this.unexpected(t);
    }
    this.expect(Tok.RBrace);
    return { type: 'reference', defs: f.defs, layers: f.layers, loc: f.loc, token: null };
  }

  private functionCall(name: Token): SyntaxNode {
    this.take();
    const params: SyntaxNode[] = [];
    if (!this.is(Tok.RParen)) {
      params.push(this.arith().node);
      while (this.is(Tok.Comma)) {
        this.take();
        params.push(this.arith().node);
      }
    }
    this.expect(Tok.RParen);
    const fn = lookupFunction(name.text);
    if (!fn) fail(`Function '${name.text}' does not exist`, name);
    return { type: 'function', fn, params, loc: span(name), token: name.text };
  }

  /** Range nodes up to and including ']'. */
  private rangeList(): Drange {
    const nodes = [this.rangeNode(this.expect(Tok.RangeNode))];
    while (this.is(Tok.Comma)) {
      this.take();
      nodes.push(this.rangeNode(this.expect(Tok.RangeNode)));
    }
    this.expect(Tok.RBracket);
    return nodes;
  }

  private rangeNode(t: Token): RangeNode {
    // The grammar reduces (and checks) a range element only once it has seen the next token.
    this.peek();
    return parseRangeNode(t.text, t);
  }

  private set(): SetNode {
    this.expect(Tok.LBrace);
    const elements: Array<readonly [SyntaxNode, SyntaxNode | null]> = [];
    for (;;) {
      const low = this.setEntity();
      const high = this.is(Tok.DotDot) ? (this.take(), this.setEntity()) : null;
      elements.push([low, high]);
      if (!this.is(Tok.Comma)) break;
      this.take();
    }
    this.expect(Tok.RBrace);
    return { type: 'set', elements, loc: null, token: null };
  }

  private setEntity(): SyntaxNode {
    if (this.is(Tok.Minus)) {
      const op = this.take();
      return arith('unaryMinus', this.entity(), null, op);
    }
    if (this.is(Tok.Plus)) this.take();
    return this.entity();
  }
}

function span(t: Token): SourceSpan {
  return { start: t.start, length: t.length };
}

function test(op: TestOp, left: SyntaxNode, right: SyntaxNode | null, at: Token): TestNode {
  return { type: 'test', op, left, right, match: 'default', loc: span(at), token: at.text };
}

function arith(op: ArithOp, left: SyntaxNode, right: SyntaxNode | null, at: Token): ArithNode {
  return { type: 'arith', op, left, right, loc: span(at), token: at.text };
}
