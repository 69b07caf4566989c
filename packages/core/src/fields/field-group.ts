import type { FieldDef } from './field-def.js';

let groups = 0;

/**
 * Fields a dissector adds one after another, none of which another
 * protocol's items hang under: the header fields of IPv4 or TCP. A tree
 * pruned to other fields (`-e ip.src -e tcp.stream`) then skips the whole
 * run of adds instead of making each one find out it is not kept
 * (`TreeContext.keepsGroup`).
 */
export class FieldGroup {
  /** Index into each TreeContext's cache of answers. */
  readonly index = groups++;
  constructor(readonly defs: readonly FieldDef[]) {}
}
