import { FT, BASE, type FieldType, type Base } from './field-types.js';

/** Names for integer values (Wireshark's value_string). */
export type ValueStrings = ReadonlyMap<number, string>;
/** Names for ranges of integer values (range_string): [min, max, name]. */
export type RangeStrings = ReadonlyArray<readonly [number, number, string]>;
/** Names for a boolean's two states (true_false_string). */
export interface TrueFalse { readonly true: string; readonly false: string }

export interface FieldSpec {
  /** Display-filter name, e.g. "tcp.srcport". */
  abbrev: string;
  /** Label in the details tree, e.g. "Source Port". */
  name: string;
  type: FieldType;
  base?: Base;
  /** Value names; the label shows "Name (value)". */
  strings?: ValueStrings;
  ranges?: RangeStrings;
  tfs?: TrueFalse;
  /** Unit appended to the value in labels (BASE_UNIT_STRING), [singular, plural]. */
  unit?: readonly [string, string];
  /** Bit mask within the containing integer; the value stored is already masked and shifted. */
  bitmask?: number;
  /** Width in bits of the integer holding a bitmask (defaults to the field type's width; booleans give it explicitly). */
  bitWidth?: number;
  /** An empty byte string is shown as "<none>" rather than "<MISSING>" (BASE_ALLOW_ZERO). */
  allowZero?: boolean;
  /** The label is the name alone, without ": value" (BASE_NO_DISPLAY_VALUE, e.g. protocols in name only). */
  noDisplayValue?: boolean;
  /** "Special" value strings the dissector formats itself (BASE_CUSTOM). */
  custom?: (value: number) => string;
  blurb?: string;
}

export interface FieldDef extends FieldSpec {
  /** Dense numeric id, usable as an index into per-field arrays. */
  readonly id: number;
  /** Abbreviation of the protocol the field belongs to ("tcp" for "tcp.srcport"). */
  readonly proto: string;
  /** Shift of the lowest set bit of `bitmask`. */
  readonly shift: number;
}

/**
 * Every field any dissector can produce, by id and by abbreviation.
 * Several definitions may share an abbreviation, as in Wireshark.
 */
export class FieldRegistry {
  private readonly byId: FieldDef[] = [];
  private readonly byAbbrev = new Map<string, FieldDef[]>();

  define(proto: string, spec: FieldSpec): FieldDef {
    const mask = spec.bitmask ?? 0;
    let shift = 0;
    if (mask) while (((mask / 2 ** shift) & 1) === 0) shift++;
    const def: FieldDef = { ...spec, id: this.byId.length, proto, shift };
    this.byId.push(def);
    const list = this.byAbbrev.get(spec.abbrev);
    if (list) list.push(def);
    else this.byAbbrev.set(spec.abbrev, [def]);
    return def;
  }

  get(id: number): FieldDef {
    return this.byId[id]!;
  }

  lookup(abbrev: string): readonly FieldDef[] | undefined {
    return this.byAbbrev.get(abbrev);
  }

  get size(): number {
    return this.byId.length;
  }

  all(): readonly FieldDef[] {
    return this.byId;
  }
}

/** The process-wide registry every protocol package defines its fields in. */
export const fieldRegistry = new FieldRegistry();

/** Define a protocol's node (FT_PROTOCOL), e.g. defineProtocol('tcp', 'Transmission Control Protocol'). */
export function defineProtocol(abbrev: string, name: string): FieldDef {
  return fieldRegistry.define(abbrev, { abbrev, name, type: FT.PROTOCOL });
}

/** Define a protocol's field table in one go; keys are the names dissectors use. */
export function defineFields<K extends string>(proto: string, specs: Record<K, FieldSpec>): Record<K, FieldDef> {
  const out = {} as Record<K, FieldDef>;
  for (const key of Object.keys(specs) as K[]) out[key] = fieldRegistry.define(proto, specs[key]);
  return out;
}

/** Build a value-string table from an object literal or pairs. */
export function vals(table: Record<number, string> | ReadonlyArray<readonly [number, string]>): ValueStrings {
  const entries = Array.isArray(table) ? table : Object.entries(table).map(([k, v]) => [Number(k), v] as const);
  return new Map(entries as Array<readonly [number, string]>);
}

export const TFS_SET_NOTSET: TrueFalse = { true: 'Set', false: 'Not set' };
export const TFS_YES_NO: TrueFalse = { true: 'Yes', false: 'No' };
export const TFS_TRUE_FALSE: TrueFalse = { true: 'True', false: 'False' };

export { FT, BASE };
