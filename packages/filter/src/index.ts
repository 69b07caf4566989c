/**
 * @netdissect/filter: Wireshark 4.0 display filters ("tcp.port == 80 &&
 * http.request", "dns.qry.name matches \"\\.org$\"", "ip.addr == 10.0.0.0/8")
 * compiled once into a predicate over a frame's field tree.
 */
import { fieldRegistry, FieldNode, TreeContext, type FieldDef, type FieldRegistry } from '@netdissect/core';
import { Evaluator, fieldsOf } from './evaluator.js';
import { FilterSyntaxError } from './filter-syntax-error.js';
import { rejectMacros } from './macros.js';
import { parseFilter } from './parser.js';
import { checkFilter as semanticCheck } from './semantic-check.js';

export { FilterSyntaxError };

export interface CompiledFilter {
  readonly text: string;
  /** Field definitions the filter reads: add them to the TreeContext interest so a pruned tree keeps them. */
  readonly fields: readonly FieldDef[];
  /** True if the frame passes. `root` is the tree returned by DissectionSession.dissect (FieldNode.root). */
  test(root: FieldNode): boolean;
  /**
   * Whether a frame holding none of `fields` passes: "!smtp" and
   * "not dns.flags.rcode == 0" do, "dns.flags.rcode != 0" does not (a
   * comparison with a field that is absent is false).
   */
  readonly passesWithoutFields: boolean;
}

/**
 * Compile a display filter. Throws FilterSyntaxError (with the position of
 * the mistake) if the text is not a valid filter for the fields in
 * `registry`. The empty (or blank) filter passes every frame.
 */
export function compileFilter(text: string, registry: FieldRegistry = fieldRegistry): CompiledFilter {
  rejectMacros(text, registry);
  const tree = parseFilter(text, registry);
  if (tree === null) return { text, fields: [], test: () => true, passesWithoutFields: true };
  const checked = semanticCheck(tree, text);
  const { defs, layers } = fieldsOf(checked, (abbrev) => registry.lookup(abbrev));
  const evaluator = new Evaluator(checked, defs, layers);
  const passesWithoutFields = evaluator.run(FieldNode.root(new TreeContext(null, false)));
  return { text, fields: defs, test: (root) => evaluator.run(root), passesWithoutFields };
}

/** Quick syntax check for as-you-type validation: null if valid, else the error. */
export function checkFilter(text: string, registry: FieldRegistry = fieldRegistry): FilterSyntaxError | null {
  try {
    compileFilter(text, registry);
    return null;
  } catch (e) {
    if (e instanceof FilterSyntaxError) return e;
    throw e;
  }
}
