import type { FieldDef } from '@netdissect/core';
import { drangeText, type Drange } from './drange.js';
import type { SourceSpan } from './filter-syntax-error.js';
import { ftypeName } from './ftype-info.js';
import type { FunctionDef } from './functions.js';

/** How a relation treats fields that occur several times. */
export type Match = 'default' | 'any' | 'all';

export type TestOp = 'and' | 'or' | 'not' | 'anyEq' | 'allEq' | 'allNe' | 'anyNe' | 'gt' | 'ge' | 'lt' | 'le' | 'contains' | 'matches' | 'in';
export type ArithOp = 'unaryMinus' | 'bitwiseAnd' | 'add' | 'subtract' | 'multiply' | 'divide' | 'modulo';

interface Located {
  /** Where the node is in the filter text (null for nodes the parser made up). */
  readonly loc: SourceSpan | null;
  /** The node as the user wrote it, for messages (an operator node shows its operator). */
  readonly token: string | null;
}

export interface TestNode extends Located {
  readonly type: 'test';
  readonly op: TestOp;
  readonly left: SyntaxNode;
  readonly right: SyntaxNode | null;
  readonly match: Match;
}

export interface ArithNode extends Located {
  readonly type: 'arith';
  readonly op: ArithOp;
  readonly left: SyntaxNode;
  readonly right: SyntaxNode | null;
}

export interface FieldRefNode extends Located {
  readonly type: 'field';
  /** Every definition sharing the name (Wireshark reads them all). */
  readonly defs: readonly FieldDef[];
  /** Protocol layers selected with '#' (null: all). */
  readonly layers: Drange | null;
}

/** ${field}: a value from the reference frame (there is none when filtering a capture). */
export interface ReferenceNode extends Located {
  readonly type: 'reference';
  readonly defs: readonly FieldDef[];
  readonly layers: Drange | null;
}

export interface StringNode extends Located {
  readonly type: 'string';
  readonly bytes: Uint8Array;
}

export interface CharConstNode extends Located {
  readonly type: 'charconst';
  readonly value: number;
}

/** An unquoted value whose meaning depends on what it is compared with. */
export interface LiteralNode extends Located {
  readonly type: 'literal';
  readonly text: string;
}

export interface FunctionNode extends Located {
  readonly type: 'function';
  readonly fn: FunctionDef;
  readonly params: readonly SyntaxNode[];
}

export interface SliceNode extends Located {
  readonly type: 'slice';
  readonly entity: SyntaxNode;
  readonly range: Drange;
}

export interface SetNode extends Located {
  readonly type: 'set';
  /** Each element is a value or an inclusive range [low, high]. */
  readonly elements: ReadonlyArray<readonly [SyntaxNode, SyntaxNode | null]>;
}

export type SyntaxNode =
  | TestNode
  | ArithNode
  | FieldRefNode
  | ReferenceNode
  | StringNode
  | CharConstNode
  | LiteralNode
  | FunctionNode
  | SliceNode
  | SetNode;

/** stnode_todisplay(): the node as messages show it. */
export function display(n: SyntaxNode): string {
  if (n.token !== null) return n.token;
  switch (n.type) {
    case 'slice': return `${display(n.entity)}[${drangeText(n.range)}]`;
    // field_tostr(): the name, its layers, and its type.
    case 'field': case 'reference': {
      const def = n.defs[0]!;
      return `${def.abbrev}${n.layers ? `#[${drangeText(n.layers)}]` : ''} <${ftypeName(def.type)}>`;
    }
    case 'function': return `${n.fn.name}(${n.params.map(display).join(', ')})`;
    case 'test': return n.right ? `${display(n.left)} ${n.op} ${display(n.right)}` : `${n.op} ${display(n.left)}`;
    default: return n.type;
  }
}

/** The span to blame for a node: its own, or the first located part of it. */
export function spanOf(n: SyntaxNode): SourceSpan | null {
  if (n.loc) return n.loc;
  if (n.type === 'slice') return spanOf(n.entity);
  if (n.type === 'test' || n.type === 'arith') return spanOf(n.left);
  return null;
}
