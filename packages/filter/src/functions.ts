/**
 * The display-filter functions of Wireshark 4.0 (dfunctions.c): name and
 * arity. Their type checks live in the semantic check and their bodies in
 * the evaluator, keyed by name.
 */
export type FunctionName = 'lower' | 'upper' | 'len' | 'count' | 'string' | 'max' | 'min' | 'abs';

export interface FunctionDef {
  readonly name: FunctionName;
  readonly minArgs: number;
  /** 0: no upper bound. */
  readonly maxArgs: number;
}

const FUNCTIONS: readonly FunctionDef[] = [
  { name: 'lower', minArgs: 1, maxArgs: 1 },
  { name: 'upper', minArgs: 1, maxArgs: 1 },
  { name: 'len', minArgs: 1, maxArgs: 1 },
  { name: 'count', minArgs: 1, maxArgs: 1 },
  { name: 'string', minArgs: 1, maxArgs: 1 },
  { name: 'max', minArgs: 1, maxArgs: 0 },
  { name: 'min', minArgs: 1, maxArgs: 0 },
  { name: 'abs', minArgs: 1, maxArgs: 1 },
];

export function lookupFunction(name: string): FunctionDef | undefined {
  return FUNCTIONS.find((f) => f.name === name);
}
