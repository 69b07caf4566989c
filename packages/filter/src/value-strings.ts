import { FT, type FieldDef } from '@netdissect/core';
import { Family, familyOf } from './ftype-info.js';
import type { Value } from './values.js';

/**
 * What a value name ("UDP" for ip.proto, "Set" for a flag) means for a
 * field (mk_fvalue_from_val_string): the value, or an error message. `replaces`
 * says whether that message wins over the one the plain parse gave.
 */
export type NamedValue = { ok: true; value: Value } | { ok: false; error: string; replaces: boolean };

function sameName(a: string, b: string): boolean {
  return a.length === b.length && a.toLowerCase() === b.toLowerCase();
}

export function valueFromName(def: FieldDef, s: string): NamedValue | null {
  if (def.type === FT.BOOLEAN) {
    const tfs = def.tfs ?? { true: 'True', false: 'False' };
    if (sameName(s, tfs.true)) return { ok: true, value: 1 };
    if (sameName(s, tfs.false)) return { ok: true, value: 0 };
    return { ok: false, error: `"${s}" cannot be found among the possible values for ${def.abbrev}.`, replaces: true };
  }
  // Only integer fields have value names (frame numbers' "strings" are something else in Wireshark).
  if (familyOf(def.type) !== Family.Int || def.type === FT.FRAMENUM || def.type === FT.EUI64) return null;
  if (def.ranges) return { ok: false, error: `"${def.abbrev}" cannot accept [range] strings as values.`, replaces: true };
  if (def.custom && !def.strings) return { ok: false, error: `"${def.abbrev}" cannot accept [custom] strings as values.`, replaces: true };
  if (!def.strings) return { ok: false, error: `${def.abbrev} cannot accept strings as values.`, replaces: false };
  for (const [value, name] of def.strings) if (sameName(s, name)) return { ok: true, value };
  return { ok: false, error: `"${s}" cannot be found among the possible values for ${def.abbrev}.`, replaces: true };
}
