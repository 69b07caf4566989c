import { FT, type FieldDef, type FieldType } from '@netdissect/core';
import type { CompareOp, Operand, Test } from './checked-tree.js';
import { unaryMinus } from './arithmetic.js';
import type { Drange } from './drange.js';
import { fail, type SourceSpan } from './filter-syntax-error.js';
import { capabilities, compatibleTypes, ftypeName, isBytesType, isStringType, prettyName, type Capabilities } from './ftype-info.js';
import { valueFromCharConst, valueFromLiteral, valueFromString, type Parsed } from './literal-values.js';
import { compileRegex, type FilterRegex } from './regex.js';
import { display, spanOf, type ArithNode, type FieldRefNode, type FunctionNode, type Match, type ReferenceNode, type SliceNode, type SyntaxNode, type TestNode } from './syntax-tree.js';
import { valueFromName } from './value-strings.js';

/**
 * The semantic check (semcheck.c): types every operand, converts constants
 * to the type of what they are compared with, and rejects what Wireshark
 * 4.0 rejects, with its messages. Produces the checked tree.
 */
export function checkFilter(root: SyntaxNode, text: string): Test {
  return new SemanticCheck(text).test(root);
}

type CanFunc = keyof Pick<Capabilities, 'cmp' | 'contains' | 'matches'>;

/** A checked value producer and its type. */
interface Typed {
  operand: Operand;
  ftype: FieldType;
}

const FIELDS_ONLY_STRING: readonly FieldType[] = [
  FT.UINT8, FT.UINT16, FT.UINT24, FT.UINT32, FT.UINT40, FT.UINT48, FT.UINT56, FT.UINT64,
  FT.INT8, FT.INT16, FT.INT32, FT.INT64, FT.IPv4, FT.IPv6, FT.FLOAT, FT.DOUBLE, FT.ETHER, FT.FRAMENUM,
  FT.GUID, FT.OID, FT.EUI64,
];

class SemanticCheck {
  constructor(private readonly text: string) {}

  /** Blame a node; nodes the parser made up blame their first located part, else the whole filter. */
  private fail(message: string, node: SyntaxNode | null): never {
    const at: SourceSpan = (node && spanOf(node)) ?? { start: 0, length: this.text.length };
    fail(message, at);
  }

  test(n: SyntaxNode): Test {
    switch (n.type) {
      case 'test': return this.checkTest(n);
      case 'arith': return { k: 'nonzero', operand: this.arithmetic(n, FT.NONE).operand };
      case 'slice': return { k: 'nonzero', operand: { k: 'call', fn: 'len', args: [this.slice(n, FT.NONE).operand], ftype: FT.UINT32 } };
      case 'field': return { k: 'exists', defs: n.defs, layers: n.layers };
      case 'function': return this.fail('You cannot test whether a function is present.', n);
      default: return this.fail(`${display(n)} is neither a field nor a protocol name.`, n);
    }
  }

  private checkTest(n: TestNode): Test {
    const right = n.right!;
    switch (n.op) {
      case 'not': return { k: 'not', a: this.test(n.left) };
      case 'and': case 'or': return { k: n.op, tests: chain(n, n.op).map((t) => this.test(t)) };
      case 'anyEq': case 'allEq': case 'allNe': case 'anyNe': case 'gt': case 'ge': case 'lt': case 'le': {
        const [lhs, rhs] = this.relation(n, n.left, right, 'cmp', false);
        return { k: 'compare', op: compareOp(n.op), all: matchAll(n.op, n.match), lhs, rhs };
      }
      case 'contains': {
        if (!['field', 'reference', 'function', 'slice'].includes(n.left.type)) {
          this.fail(`Left side of ${display(n)} expression must be a field or function, not ${display(n.left)}.`, n.left);
        }
        const [lhs, rhs] = this.relation(n, n.left, right, 'contains', true);
        return { k: 'contains', all: n.match === 'all', lhs, rhs };
      }
      case 'matches': return this.matches(n, right);
      case 'in': return this.membership(n, right);
    }
  }

  // ---- relations ----

  /** check_relation(): dispatch on the left side's kind; returns both sides checked. */
  private relation(node: TestNode, left: SyntaxNode, right: SyntaxNode, can: CanFunc, partial: boolean): [Operand, Operand] {
    switch (left.type) {
      case 'field': case 'reference': return this.relationField(node, left, right, can, partial);
      case 'slice': return this.relationSlice(left, right, partial);
      case 'function': return this.relationFunction(node, left, right, can, partial);
      case 'arith': return this.relationArithmetic(node, left, right, can, partial);
      default:
        return this.fail(`Left side of "${display(node)}" expression must be a field or function, not ${display(left)}.`, left);
    }
  }

  private relationField(node: TestNode, left: FieldRefNode | ReferenceNode, right: SyntaxNode, can: CanFunc, partial: boolean): [Operand, Operand] {
    let def = left.defs[0]!;
    const ftype1 = def.type;
    let lhs = this.leftField(node, left, can);
    switch (right.type) {
      case 'field': case 'reference': {
        const ftype2 = right.defs[0]!.type;
        if (!compatibleTypes(ftype1, ftype2)) this.fail(`${def.abbrev} and ${display(right)} are not of compatible types.`, right);
        if (!capabilities(ftype2)[can]) this.fail(`${display(right)} (type=${prettyName(ftype2)}) cannot participate in specified comparison.`, right);
        return [lhs, this.fieldOperand(right)];
      }
      case 'string': case 'literal': {
        // With several fields of one name, convert for one whose type suits a quoted or unquoted value.
        const wantString = right.type === 'string';
        if (isStringType(def.type) !== wantString) def = left.defs.find((d) => isStringType(d.type) === wantString) ?? def;
        const parsed = right.type === 'string' ? valueFromString(def.type, right.bytes) : valueFromLiteral(def.type, right.text, partial);
        return [lhs, this.constant(withNames(parsed, def, right.type === 'string' ? stringText(right.bytes) : right.text), def.type, right)];
      }
      case 'charconst':
        return [lhs, this.constant(valueFromCharConst(ftype1, right.value), ftype1, right)];
      case 'slice': {
        const rhs = this.slice(right, ftype1).operand;
        if (!isBytesType(ftype1)) {
          if (!capabilities(ftype1).slice) this.fail(`"${def.abbrev}" is a ${prettyName(ftype1)} and cannot be converted into a sequence of bytes.`, left);
          lhs = wholeBytes(lhs);
        }
        return [lhs, rhs];
      }
      case 'function': {
        const f = this.call(right, ftype1);
        if (!compatibleTypes(ftype1, f.ftype)) {
          this.fail(`${def.abbrev} (type=${prettyName(ftype1)}) and return value of ${right.fn.name}() (type=${prettyName(f.ftype)}) are not of compatible types.`, right);
        }
        if (!capabilities(f.ftype)[can]) this.fail(`return value of ${right.fn.name}() (type=${prettyName(f.ftype)}) cannot participate in specified comparison.`, right);
        return [lhs, f.operand];
      }
      case 'arith': {
        const a = this.arithmetic(right, ftype1);
        if (!compatibleTypes(ftype1, a.ftype)) this.fail(`${display(left)} and ${display(right)} are not of compatible types.`, right);
        if (!capabilities(a.ftype)[can]) this.fail(`${display(right)} (type=${prettyName(a.ftype)}) cannot participate in specified comparison.`, right);
        return [lhs, a.operand];
      }
      default:
        return this.fail(`${display(right)} was unexpected in this context.`, right);
    }
  }

  /** A slice on the left: everything on the right is compared as bytes. */
  private relationSlice(left: SliceNode, right: SyntaxNode, partial: boolean): [Operand, Operand] {
    const lhs = this.slice(left, FT.NONE).operand;
    switch (right.type) {
      case 'field': case 'reference': {
        const ftype2 = right.defs[0]!.type;
        let rhs = this.fieldOperand(right);
        if (!isBytesType(ftype2)) {
          if (!capabilities(ftype2).slice) this.fail(`"${display(right)}" is a ${prettyName(ftype2)} and cannot be converted into a sequence of bytes.`, right);
          rhs = wholeBytes(rhs);
        }
        return [lhs, rhs];
      }
      case 'string': return [lhs, this.constant(valueFromString(FT.BYTES, right.bytes), FT.BYTES, right)];
      case 'literal': return [lhs, this.constant(valueFromLiteral(FT.BYTES, right.text, partial), FT.BYTES, right)];
      case 'charconst': return [lhs, this.constant(valueFromCharConst(FT.BYTES, right.value), FT.BYTES, right)];
      case 'slice': return [lhs, this.slice(right, FT.BYTES).operand];
      case 'function': {
        const f = this.call(right, FT.BYTES);
        if (isBytesType(f.ftype)) return [lhs, f.operand];
        if (!capabilities(f.ftype).slice) {
          this.fail(`Return value of function "${right.fn.name}" is a ${prettyName(f.ftype)} and cannot be converted into a sequence of bytes.`, right);
        }
        return [lhs, wholeBytes(f.operand)];
      }
      case 'arith': {
        const a = this.arithmetic(right, FT.BYTES);
        if (!compatibleTypes(FT.BYTES, a.ftype)) this.fail(`${display(left)} and ${display(right)} are not of compatible types.`, right);
        return [lhs, a.operand];
      }
      default:
        return this.fail(`${display(right)} was unexpected in this context.`, right);
    }
  }

  private relationFunction(node: TestNode, left: FunctionNode, right: SyntaxNode, can: CanFunc, partial: boolean): [Operand, Operand] {
    const f = this.leftFunction(node, left, can);
    const ftype1 = f.ftype;
    let lhs = f.operand;
    switch (right.type) {
      case 'field': case 'reference': {
        const ftype2 = right.defs[0]!.type;
        // Wireshark 4.0 prints the right-hand field's label where the function name was meant.
        if (!compatibleTypes(ftype1, ftype2)) this.fail(`Function ${right.defs[0]!.name} and ${display(right)} are not of compatible types.`, right);
        if (!capabilities(ftype2)[can]) this.fail(`${display(right)} (type=${prettyName(ftype2)}) cannot participate in specified comparison.`, right);
        return [lhs, this.fieldOperand(right)];
      }
      case 'string': return [lhs, this.constant(valueFromString(ftype1, right.bytes), ftype1, right)];
      case 'literal': return [lhs, this.constant(valueFromLiteral(ftype1, right.text, partial), ftype1, right)];
      case 'charconst': return [lhs, this.constant(valueFromCharConst(ftype1, right.value), ftype1, right)];
      case 'slice': {
        const rhs = this.slice(right, ftype1).operand;
        if (!isBytesType(ftype1)) {
          if (!capabilities(ftype1).slice) {
            this.fail(`Function "${left.fn.name}" is a ${prettyName(ftype1)} and cannot be converted into a sequence of bytes.`, left);
          }
          lhs = wholeBytes(lhs);
        }
        return [lhs, rhs];
      }
      case 'function': {
        const g = this.call(right, ftype1);
        if (!compatibleTypes(ftype1, g.ftype)) {
          this.fail(
            `Return values of function ${left.fn.name} (type=${prettyName(ftype1)}) and function ${right.fn.name} (type=${prettyName(g.ftype)}) are not of compatible types.`,
            right,
          );
        }
        if (!capabilities(g.ftype)[can]) this.fail(`Return value of ${right.fn.name} (type=${prettyName(g.ftype)}) cannot participate in specified comparison.`, right);
        return [lhs, g.operand];
      }
      case 'arith': {
        const a = this.arithmetic(right, ftype1);
        if (!compatibleTypes(ftype1, a.ftype)) this.fail(`${display(left)} and ${display(right)} are not of compatible types.`, right);
        if (!capabilities(a.ftype)[can]) this.fail(`${display(right)} (type=${prettyName(a.ftype)}) cannot participate in specified comparison.`, right);
        return [lhs, a.operand];
      }
      default:
        return this.fail(`${display(right)} was unexpected in this context.`, right);
    }
  }

  /**
   * Arithmetic on the left: the right side is converted for the
   * expression's first term (as Wireshark does), the whole expression is
   * what gets compared.
   */
  private relationArithmetic(node: TestNode, left: ArithNode, right: SyntaxNode, can: CanFunc, partial: boolean): [Operand, Operand] {
    const lhs = this.arithmetic(left, FT.NONE).operand;
    let first: SyntaxNode = left;
    while (first.type === 'arith') first = first.left;
    const [, rhs] = this.relation(node, first, right, can, partial);
    return [lhs, rhs];
  }

  private matches(n: TestNode, right: SyntaxNode): Test {
    if (right.type !== 'string') this.fail('Matches requires a double quoted string on the right side.', right);
    let regex: FilterRegex;
    try {
      regex = compileRegex(right.bytes);
    } catch (e) {
      this.fail(`Regex compilation error: ${(e as Error).message}.`, right);
    }
    let lhs: Operand;
    switch (n.left.type) {
      case 'field': case 'reference': lhs = this.leftField(n, n.left, 'matches'); break;
      case 'function': lhs = this.leftFunction(n, n.left, 'matches').operand; break;
      case 'slice': lhs = this.slice(n.left, FT.NONE).operand; break;
      default: return this.fail(`Left side of ${display(n)} expression must be a field or function, not ${display(n.left)}.`, n.left);
    }
    return { k: 'matches', all: n.match === 'all', lhs, regex };
  }

  /** A field on the left of a relation: its type must support the operation. */
  private leftField(node: TestNode, left: FieldRefNode | ReferenceNode, can: CanFunc): Operand {
    const def = left.defs[0]!;
    if (!capabilities(def.type)[can]) this.fail(`${def.abbrev} (type=${prettyName(def.type)}) cannot participate in ${display(node)} comparison.`, left);
    return this.fieldOperand(left);
  }

  /** A function on the left of a relation: its result must support the operation. */
  private leftFunction(node: TestNode, left: FunctionNode, can: CanFunc): Typed {
    const f = this.call(left, FT.NONE);
    if (!capabilities(f.ftype)[can]) {
      this.fail(`Function ${left.fn.name} (type=${prettyName(f.ftype)}) cannot participate in ${display(node)} comparison.`, left);
    }
    return f;
  }

  private membership(n: TestNode, right: SyntaxNode): Test {
    const left = n.left;
    if (left.type !== 'field') this.fail('Only a field may be tested for membership in a set.', left);
    if (right.type !== 'set') this.fail(`${display(right)} was unexpected in this context.`, right);
    const elements = right.elements.map(([lowNode, highNode]) => {
      if (lowNode.type === 'slice') this.fail('A slice may not appear inside a set.', lowNode);
      if (highNode) {
        const [, low] = this.relation(n, left, lowNode, 'cmp', false);
        const [, high] = this.relation(n, left, highNode, 'cmp', false);
        return { low, high };
      }
      return { low: this.relation(n, left, lowNode, 'cmp', false)[1], high: null };
    });
    return { k: 'in', all: n.match === 'all', lhs: this.fieldOperand(left), elements };
  }

  // ---- operands ----

  private fieldOperand(n: FieldRefNode | ReferenceNode): Operand {
    const ftype = n.defs[0]!.type;
    if (n.type === 'reference') return { k: 'reference', ftype };
    return { k: 'field', defs: n.defs, layers: n.layers, ftype };
  }

  private constant(p: Parsed, ftype: FieldType, at: SyntaxNode): Operand {
    if (!p.ok) this.fail(p.error, at);
    return { k: 'const', value: p.value, ftype };
  }

  /** check_slice_sanity(): what may be sliced, and the slice operand. */
  private slice(n: SliceNode, lhsType: FieldType): Typed {
    const e = n.entity;
    let of: Operand;
    if (e.type === 'field') {
      const t = e.defs[0]!.type;
      if (!capabilities(t).slice) this.fail(`"${e.defs[0]!.abbrev}" is a ${prettyName(t)} and cannot be sliced into a sequence of bytes.`, e);
      of = this.fieldOperand(e);
    } else if (e.type === 'function') {
      const f = this.call(e, lhsType);
      if (!capabilities(f.ftype).slice) {
        this.fail(`Return value of function "${e.fn.name}" is a ${prettyName(f.ftype)} and cannot be converted into a sequence of bytes.`, e);
      }
      of = f.operand;
    } else if (e.type === 'slice') {
      of = this.slice(e, lhsType).operand;
    } else {
      return this.fail(`Range is not supported for entity ${display(e)}`, e);
    }
    return { operand: sliceOf(of, n.range), ftype: FT.BYTES };
  }

  /** check_arithmetic_expr(): an operand of arithmetic and its type. */
  private arithmetic(n: SyntaxNode, lhsType: FieldType): Typed {
    if (n.type !== 'arith') return this.arithmeticEntity(n, lhsType);
    if (lhsType === FT.NONE && isConstant(n.left)) this.fail('Constant arithmetic expression on the LHS is invalid.', n.left);
    if (n.op === 'unaryMinus') {
      const a = this.arithmeticEntity(n.left, lhsType);
      if (!capabilities(a.ftype).unaryMinus) this.fail(`${ftypeName(a.ftype)} cannot ${display(n)}.`, n.left);
      if (a.operand.k === 'const') {
        // A negated constant is folded here, as Wireshark does.
        const r = unaryMinus(a.ftype, a.operand.value);
        if (!r.ok) this.fail(`${display(n.left)}: ${r.error}`, n.left);
        return { operand: { k: 'const', value: r.value, ftype: a.ftype }, ftype: a.ftype };
      }
      return { operand: { k: 'arith', op: 'unaryMinus', left: a.operand, right: null, ftype: a.ftype }, ftype: a.ftype };
    }
    const can = ARITH_CAN[n.op];
    const a = this.arithmetic(n.left, lhsType);
    if (!capabilities(a.ftype)[can]) this.fail(`${ftypeName(a.ftype)} cannot ${display(n)}.`, n.left);
    const b = this.arithmetic(n.right!, a.ftype);
    if (!capabilities(b.ftype)[can]) this.fail(`${ftypeName(b.ftype)} cannot ${display(n)}.`, n.right);
    if (!compatibleTypes(a.ftype, b.ftype)) this.fail(`${display(n.left)} and ${display(n.right!)} are not type compatible.`, n.right);
    return { operand: { k: 'arith', op: n.op, left: a.operand, right: b.operand, ftype: a.ftype }, ftype: a.ftype };
  }

  private arithmeticEntity(n: SyntaxNode, lhsType: FieldType): Typed {
    switch (n.type) {
      case 'literal': {
        if (lhsType === FT.NONE) this.fail('Constant arithmetic expression on the LHS is invalid.', n);
        return { operand: this.constant(valueFromLiteral(lhsType, n.text, false), lhsType, n), ftype: lhsType };
      }
      case 'field': case 'reference': return { operand: this.fieldOperand(n), ftype: n.defs[0]!.type };
      case 'function': return this.call(n, lhsType);
      case 'slice': return this.slice(n, lhsType);
      case 'arith': return this.arithmetic(n, lhsType);
      default: return this.fail(`${display(n)} is not a valid arithmetic operand.`, n);
    }
  }

  // ---- functions ----

  /** check_function(): arity, then the function's own parameter check. */
  private call(n: FunctionNode, lhsType: FieldType): Typed {
    const { fn, params } = n;
    if (params.length < fn.minArgs) this.fail(`Function ${fn.name} needs at least ${fn.minArgs} arguments.`, n);
    if (fn.maxArgs > 0 && params.length > fn.maxArgs) this.fail(`Function ${fn.name} can only accept ${fn.maxArgs} arguments.`, n);
    const typed = (ftype: FieldType, args: Operand[]): Typed => ({ operand: { k: 'call', fn: fn.name, args, ftype }, ftype });
    const param = params[0]!;
    switch (fn.name) {
      case 'lower': case 'upper':
        if (param.type === 'field' && isStringType(param.defs[0]!.type)) return typed(FT.STRING, [this.fieldOperand(param)]);
        return this.fail(`Only string type fields can be used as parameter for ${fn.name}()`, param);
      case 'len': case 'count':
        if (param.type === 'field') return typed(FT.UINT32, [this.fieldOperand(param)]);
        return this.fail(`Only fields can be used as parameter for ${fn.name}()`, param);
      case 'string':
        if (param.type !== 'field') return this.fail(`Only fields can be used as parameter for ${fn.name}()`, param);
        if (!FIELDS_ONLY_STRING.includes(param.defs[0]!.type)) this.fail(`String conversion for field "${param.defs[0]!.abbrev}" is not supported`, param);
        return typed(FT.STRING, [this.fieldOperand(param)]);
      case 'max': case 'min': {
        let ftype = lhsType;
        const args = params.map((arg, i) => {
          const a = this.compareArgument(arg, ftype, fn.name);
          if (i === 0) {
            ftype = a.ftype;
            return a.operand;
          }
          if (ftype === FT.NONE) ftype = a.ftype;
          if (a.ftype !== ftype) this.fail(`Arguments to '${fn.name}' must have the same type (expected ${ftypeName(ftype)}, got ${ftypeName(a.ftype)})`, arg);
          if (!capabilities(a.ftype).cmp) this.fail(`Argument '${display(arg)}' to '${fn.name}' cannot be ordered`, arg);
          return a.operand;
        });
        return typed(ftype, args);
      }
      case 'abs': {
        let a: Typed;
        if (param.type === 'arith') a = this.arithmetic(param, lhsType);
        else if (param.type === 'literal') {
          if (lhsType === FT.NONE) this.fail('Need a field or field-like value on the LHS.', param);
          a = { operand: this.constant(valueFromLiteral(lhsType, param.text, false), lhsType, param), ftype: lhsType };
        } else if (param.type === 'function') a = this.call(param, lhsType);
        else if (param.type === 'field') a = { operand: this.fieldOperand(param), ftype: param.defs[0]!.type };
        else return this.fail(`Type ${param.type.toUpperCase()} is not valid for ${fn.name}`, param);
        if (!capabilities(a.ftype).isNegative) this.fail(`'${display(param)}' is not a valid argument to '${fn.name}'()`, param);
        return typed(a.ftype, [a.operand]);
      }
    }
  }

  /** One argument of max()/min(). */
  private compareArgument(arg: SyntaxNode, ftype: FieldType, name: string): Typed {
    switch (arg.type) {
      case 'arith': return this.arithmetic(arg, ftype);
      case 'literal':
        if (ftype === FT.NONE) break;
        return { operand: this.constant(valueFromLiteral(ftype, arg.text, false), ftype, arg), ftype };
      case 'function': return this.call(arg, ftype);
      case 'field': case 'reference': return { operand: this.fieldOperand(arg), ftype: arg.defs[0]!.type };
      default: break;
    }
    return this.fail(`Argument '${display(arg)}' is not valid for ${name}()`, arg);
  }
}

const ARITH_CAN = {
  bitwiseAnd: 'bitwiseAnd', add: 'add', subtract: 'subtract', multiply: 'multiply', divide: 'divide', modulo: 'modulo',
} as const;

/** The operands of a chain of one logical operator, left to right, without recursing (chains may be long). */
function chain(root: TestNode, op: 'and' | 'or'): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const pending: SyntaxNode[] = [root];
  while (pending.length) {
    const n = pending.pop()!;
    if (n.type === 'test' && n.op === op) pending.push(n.right!, n.left);
    else out.push(n);
  }
  return out;
}

function isConstant(n: SyntaxNode): boolean {
  return n.type === 'charconst' || n.type === 'string' || n.type === 'literal';
}

function compareOp(op: TestNode['op']): CompareOp {
  switch (op) {
    case 'anyEq': case 'allEq': return 'eq';
    case 'allNe': case 'anyNe': return 'ne';
    default: return op as CompareOp;
  }
}

/** select_opcode(): === and != test all occurrences, the others any, unless "any"/"all" says otherwise. */
function matchAll(op: TestNode['op'], match: Match): boolean {
  if (match !== 'default') return match === 'all';
  return op === 'allEq' || op === 'allNe';
}

function sliceOf(of: Operand, range: Drange): Operand {
  return { k: 'slice', of, range, ftype: FT.BYTES };
}

/** convert_to_bytes(): a whole value as a byte string ([0:]). */
function wholeBytes(o: Operand): Operand {
  return sliceOf(o, [{ start: 0, ending: 'toEnd' }]);
}

function stringText(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return new TextDecoder().decode(nul >= 0 ? bytes.subarray(0, nul) : bytes);
}

/** A failed conversion may still name a value of the field ("UDP" for ip.proto, "Set" for a flag). */
function withNames(parsed: Parsed, def: FieldDef, text: string): Parsed {
  if (parsed.ok) return parsed;
  const named = valueFromName(def, text);
  if (named === null) return parsed;
  if (named.ok) return named;
  return named.replaces ? { ok: false, error: named.error } : parsed;
}
