import type { FieldDef, FieldType } from '@netdissect/core';
import type { Drange } from './drange.js';
import type { FunctionName } from './functions.js';
import type { FilterRegex } from './regex.js';
import type { ArithOp } from './syntax-tree.js';
import type { Value } from './values.js';

/**
 * A filter after the semantic check: every value has its type, every
 * constant is converted, every relation knows whether it needs any or all
 * occurrences to match. This is what the evaluator compiles.
 */

/** Something that yields zero or more values of one type for a frame. */
export type Operand =
  | { readonly k: 'field'; readonly defs: readonly FieldDef[]; readonly layers: Drange | null; readonly ftype: FieldType }
  /** ${field}: there is no reference frame here, so it never has a value. */
  | { readonly k: 'reference'; readonly ftype: FieldType }
  | { readonly k: 'const'; readonly value: Value; readonly ftype: FieldType }
  /** The bytes selected from each value of `of`; always FT_BYTES. */
  | { readonly k: 'slice'; readonly of: Operand; readonly range: Drange; readonly ftype: FieldType }
  | { readonly k: 'call'; readonly fn: FunctionName; readonly args: readonly Operand[]; readonly ftype: FieldType }
  | { readonly k: 'arith'; readonly op: ArithOp; readonly left: Operand; readonly right: Operand | null; readonly ftype: FieldType };

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type Test =
  /** All of / any of the tests, in order (a chain of && or || of any length). */
  | { readonly k: 'and' | 'or'; readonly tests: readonly Test[] }
  | { readonly k: 'not'; readonly a: Test }
  | { readonly k: 'exists'; readonly defs: readonly FieldDef[]; readonly layers: Drange | null }
  /** An arithmetic expression or slice used as a test: true if some value is not zero (not empty). */
  | { readonly k: 'nonzero'; readonly operand: Operand }
  | { readonly k: 'compare'; readonly op: CompareOp; readonly all: boolean; readonly lhs: Operand; readonly rhs: Operand }
  | { readonly k: 'contains'; readonly all: boolean; readonly lhs: Operand; readonly rhs: Operand }
  | { readonly k: 'matches'; readonly all: boolean; readonly lhs: Operand; readonly regex: FilterRegex }
  | { readonly k: 'in'; readonly all: boolean; readonly lhs: Operand; readonly elements: ReadonlyArray<{ readonly low: Operand; readonly high: Operand | null }> };
