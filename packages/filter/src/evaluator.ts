import { FT, formatEther, formatHexBytes, formatIPv4, formatIPv6, type FieldDef, type FieldNode, type FieldType } from '@netdissect/core';
import { binaryOp, isNegative, isZero, unaryMinus } from './arithmetic.js';
import type { CompareOp, Operand, Test } from './checked-tree.js';
import { rangeContainsLayer, sliceBytes, type Drange } from './drange.js';
import { Family, familyOf, isUnsigned, wireSize } from './ftype-info.js';
import { FrameFields } from './frame-fields.js';
import type { FilterRegex } from './regex.js';
import { comparatorFor, containsFor, latin1, type Ipv4Net, type Ipv6Net, type Order, type ProtocolValue, type TimeValue, type Value } from './values.js';

/** Values of an operand for the current frame; null when a field it reads is absent (the relation is then false). */
type Values = readonly Value[] | null;
type Producer = () => Values;
type Predicate = () => boolean;

/** A relation's per-pair outcome: 1 true, 0 false, -1 not comparable (ignored by both any and all). */
type Outcome = 1 | 0 | -1;

/** The fields a test reads, for tree pruning: every definition sharing each name, plus protocols when layers are used. */
export function fieldsOf(test: Test, lookup: (abbrev: string) => readonly FieldDef[] | undefined): { defs: FieldDef[]; layers: boolean } {
  const seen = new Set<FieldDef>();
  let layers = false;
  const addDefs = (defs: readonly FieldDef[], range: Drange | null): void => {
    for (const d of defs) {
      seen.add(d);
      if (range) {
        layers = true;
        for (const p of lookup(d.proto) ?? []) if (p.type === FT.PROTOCOL) seen.add(p);
      }
    }
  };
  const operand = (o: Operand): void => {
    switch (o.k) {
      case 'field': addDefs(o.defs, o.layers); break;
      case 'slice': operand(o.of); break;
      case 'call': o.args.forEach(operand); break;
      case 'arith': operand(o.left); if (o.right) operand(o.right); break;
      default: break;
    }
  };
  const visit = (t: Test): void => {
    switch (t.k) {
      case 'and': case 'or': t.tests.forEach(visit); break;
      case 'not': visit(t.a); break;
      case 'exists': addDefs(t.defs, t.layers); break;
      case 'nonzero': operand(t.operand); break;
      case 'compare': case 'contains': operand(t.lhs); operand(t.rhs); break;
      case 'matches': operand(t.lhs); break;
      case 'in': operand(t.lhs); for (const e of t.elements) { operand(e.low); if (e.high) operand(e.high); } break;
    }
  };
  visit(test);
  return { defs: [...seen], layers };
}

/**
 * Compiles a checked test into a closure tree over a FrameFields index.
 * The relation semantics follow dfvm.c: a missing field makes its
 * relation false; "any" relations need one matching pair, "all" ones no
 * failing pair; values that cannot be compared count for neither.
 */
export class Evaluator {
  private readonly frame: FrameFields;
  private readonly root: Predicate;

  constructor(test: Test, defs: readonly FieldDef[], layers: boolean) {
    this.frame = new FrameFields(defs, layers);
    this.root = this.test(test);
  }

  run(tree: FieldNode): boolean {
    this.frame.load(tree);
    return this.root();
  }

  private test(t: Test): Predicate {
    switch (t.k) {
      case 'and': {
        const tests = t.tests.map((x) => this.test(x));
        return () => {
          for (let i = 0; i < tests.length; i++) if (!tests[i]!()) return false;
          return true;
        };
      }
      case 'or': {
        const tests = t.tests.map((x) => this.test(x));
        return () => {
          for (let i = 0; i < tests.length; i++) if (tests[i]!()) return true;
          return false;
        };
      }
      case 'not': { const a = this.test(t.a); return () => !a(); }
      case 'exists': return this.exists(t.defs, t.layers);
      case 'nonzero': {
        const values = this.operand(t.operand);
        const ftype = t.operand.ftype;
        return () => {
          const v = values();
          return v !== null && v.some((x) => !isZero(ftype, x));
        };
      }
      case 'compare': return this.compare(t.op, t.all, t.lhs, t.rhs);
      case 'contains': {
        const contains = containsFor(familyOf(t.lhs.ftype));
        return this.relation(t.all, t.lhs, t.rhs, (a, b) => (contains(a, b) ? 1 : 0));
      }
      case 'matches': return this.matches(t.all, t.lhs, t.regex);
      case 'in': return this.membership(t);
    }
  }

  private exists(defs: readonly FieldDef[], layers: Drange | null): Predicate {
    const frame = this.frame;
    const slots = defs.map((d) => frame.slot(d)).filter((s) => s >= 0);
    if (layers === null) {
      return () => {
        for (let i = 0; i < slots.length; i++) if (frame.count(slots[i]!) > 0) return true;
        return false;
      };
    }
    return () => slots.some((s) => layerIndexes(frame, s, layers).length > 0);
  }

  private compare(op: CompareOp, all: boolean, lhs: Operand, rhs: Operand): Predicate {
    const cmp = comparatorFor(familyOf(lhs.ftype), isUnsigned(lhs.ftype));
    const test = ORDER_TESTS[op];
    return this.relation(all, lhs, rhs, (a, b) => {
      const c = cmp(a, b);
      return Number.isNaN(c) ? -1 : test(c) ? 1 : 0;
    });
  }

  /** cmp_test(): every pair of left and right values. */
  private relation(all: boolean, lhs: Operand, rhs: Operand, outcome: (a: Value, b: Value) => Outcome): Predicate {
    const left = this.operand(lhs);
    const right = this.operand(rhs);
    return () => {
      const l = left();
      if (l === null) return false;
      const r = right();
      if (r === null) return false;
      return pairs(all, l, r, outcome);
    };
  }

  private matches(all: boolean, lhs: Operand, regex: FilterRegex): Predicate {
    const values = this.operand(lhs);
    const family = familyOf(lhs.ftype);
    const match = (v: Value): boolean => {
      switch (family) {
        case Family.String: return regex.text.test(v as string);
        case Family.Protocol: return regex.binary.test(latin1((v as ProtocolValue).rest));
        default: return regex.binary.test(latin1(v as Uint8Array));
      }
    };
    return () => {
      const v = values();
      if (v === null) return false;
      return all ? v.every(match) : v.some(match);
    };
  }

  /** "in": an "or" of equality and range tests; an element whose field is absent just does not match. */
  private membership(t: Extract<Test, { k: 'in' }>): Predicate {
    const left = this.operand(t.lhs);
    const cmp = comparatorFor(familyOf(t.lhs.ftype), isUnsigned(t.lhs.ftype));
    const outcome = (c: Order, ok: (c: number) => boolean): Outcome => (Number.isNaN(c) ? -1 : ok(c) ? 1 : 0);
    const elements = t.elements.map(({ low, high }) => {
      const lo = this.operand(low);
      if (high === null) return (l: readonly Value[]): boolean => {
        const r = lo();
        return r !== null && pairs(t.all, l, r, (a, b) => outcome(cmp(a, b), ORDER_TESTS.eq));
      };
      const hi = this.operand(high);
      return (l: readonly Value[]): boolean => {
        const a = lo();
        const b = hi();
        if (a === null || a.length === 0 || b === null || b.length === 0) return false;
        const inRange = (v: Value): Outcome => {
          const ge = outcome(cmp(v, a[0]), ORDER_TESTS.ge);
          const le = outcome(cmp(v, b[0]), ORDER_TESTS.le);
          return ge === 0 || le === 0 ? 0 : ge === 1 && le === 1 ? 1 : -1;
        };
        return t.all ? l.every((v) => inRange(v) !== 0) : l.some((v) => inRange(v) === 1);
      };
    });
    return () => {
      const l = left();
      if (l === null) return false;
      for (const e of elements) if (e(l)) return true;
      return false;
    };
  }

  // ---- operands ----

  private operand(o: Operand): Producer {
    switch (o.k) {
      case 'field': return this.fieldValues(o.defs, o.layers, familyOf(o.ftype));
      case 'reference': return () => null;
      case 'const': { const one = [o.value]; return () => one; }
      case 'slice': {
        const of = this.operand(o.of);
        const ftype = o.of.ftype;
        const range = o.range;
        return () => {
          const v = of();
          return v === null ? null : v.map((x) => sliceBytes(bytesOf(ftype, x), range));
        };
      }
      case 'call': return this.call(o);
      case 'arith': {
        const left = this.operand(o.left);
        const ftype = o.ftype;
        if (o.right === null) {
          return () => {
            const v = left();
            return v === null ? null : keepOk(v.map((x) => unaryMinus(ftype, x)));
          };
        }
        const right = this.operand(o.right);
        const op = o.op;
        return () => {
          const a = left();
          if (a === null) return null;
          const b = right();
          if (b === null) return null;
          const out: Value[] = [];
          for (const x of a) for (const y of b) {
            const r = binaryOp(op, ftype, x, y);
            if (r.ok) out.push(r.value);
          }
          return out;
        };
      }
    }
  }

  /** read_tree(): the values of every occurrence of every definition of the name, in the family compared. */
  private fieldValues(defs: readonly FieldDef[], layers: Drange | null, family: Family): Producer {
    const slots = defs
      .map((d) => ({ slot: this.frame.slot(d), convert: converterFor(family, d) }))
      .filter((s): s is { slot: number; convert: (n: FieldNode) => Value | undefined } => s.slot >= 0 && s.convert !== null);
    const frame = this.frame;
    return () => {
      let out: Value[] | null = null;
      for (let s = 0; s < slots.length; s++) {
        const { slot, convert } = slots[s]!;
        const indexes = layers === null ? null : layerIndexes(frame, slot, layers);
        const n = indexes === null ? frame.count(slot) : indexes.length;
        for (let j = 0; j < n; j++) {
          const v = convert(frame.node(slot, indexes === null ? j : indexes[j]!));
          if (v !== undefined) (out ??= []).push(v);
        }
      }
      return out;
    };
  }

  private call(o: Extract<Operand, { k: 'call' }>): Producer {
    const args = o.args.map((a) => this.operand(a));
    const argType = o.args[0]!.ftype;
    const first = args[0]!;
    switch (o.fn) {
      case 'len':
        // len() is an instruction of its own: an absent field fails the relation.
        return () => {
          const v = first();
          return v === null ? null : v.map((x) => valueLength(argType, x));
        };
      case 'count':
        return () => {
          const v = first();
          return v === null ? null : [v.length];
        };
      case 'lower': case 'upper': {
        const convert = o.fn === 'lower' ? (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : (s: string) => s.replace(/[a-z]+/g, (m) => m.toUpperCase());
        return () => {
          const v = first();
          return v === null ? null : v.map((x) => convert(x as string));
        };
      }
      case 'string':
        return () => {
          const v = first();
          return v === null ? null : v.map((x) => filterRepr(argType, x));
        };
      case 'max': case 'min': {
        const cmp = comparatorFor(familyOf(o.ftype), isUnsigned(o.ftype));
        const better = o.fn === 'max' ? (c: number) => c > 0 : (c: number) => c < 0;
        return () => {
          let best: Value | undefined;
          for (const arg of args) {
            for (const v of arg() ?? []) if (best === undefined || better(cmp(v, best))) best = v;
          }
          return best === undefined ? null : [best];
        };
      }
      case 'abs': {
        const ftype = o.ftype;
        return () => {
          const v = first();
          if (v === null) return null;
          const out = keepOk(v.map((x) => (isNegative(ftype, x) ? unaryMinus(ftype, x) : { ok: true as const, value: x })));
          return out.length ? out : null;
        };
      }
    }
  }
}

const ORDER_TESTS: Record<CompareOp, (c: number) => boolean> = {
  eq: (c) => c === 0,
  ne: (c) => c !== 0,
  gt: (c) => c > 0,
  ge: (c) => c >= 0,
  lt: (c) => c < 0,
  le: (c) => c <= 0,
};

function pairs(all: boolean, l: readonly Value[], r: readonly Value[], outcome: (a: Value, b: Value) => Outcome): boolean {
  for (let i = 0; i < l.length; i++) {
    for (let j = 0; j < r.length; j++) {
      const m = outcome(l[i], r[j]);
      if (all && m === 0) return false;
      if (!all && m === 1) return true;
    }
  }
  return all;
}

function keepOk(results: ReadonlyArray<{ ok: boolean; value?: Value }>): Value[] {
  const out: Value[] = [];
  for (const r of results) if (r.ok) out.push(r.value);
  return out;
}

/** Indexes of the slot's occurrences whose layer the range selects; negative layers count from the last one. */
function layerIndexes(frame: FrameFields, slot: number, range: Drange): number[] {
  const n = frame.count(slot);
  let last = 0;
  for (let i = 0; i < n; i++) last = Math.max(last, frame.layer(slot, i));
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (rangeContainsLayer(range, frame.layer(slot, i), last)) out.push(i);
  return out;
}

/** How a tree node's value is read for a family; null if the definition's values are of another family. */
function converterFor(family: Family, def: FieldDef): ((n: FieldNode) => Value | undefined) | null {
  if (familyOf(def.type) !== family) return null;
  switch (family) {
    case Family.Int:
      return (n) => {
        const v = n.resolvedValue;
        if (typeof v === 'number' || typeof v === 'bigint') return v;
        if (typeof v === 'boolean') return v ? 1 : 0;
        if (v instanceof Uint8Array) {
          let x = 0n;
          for (const b of v) x = (x << 8n) | BigInt(b);
          return x <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : x;
        }
        return undefined;
      };
    case Family.Bool: return (n) => (n.resolvedValue ? 1 : 0);
    case Family.Float: case Family.IPv4: return (n) => (typeof n.resolvedValue === 'number' ? n.resolvedValue : undefined);
    case Family.IPv6: case Family.Bytes:
      return (n) => {
        const v = n.resolvedValue;
        return v instanceof Uint8Array ? v : n.bytes();
      };
    case Family.String: return (n) => (typeof n.resolvedValue === 'string' ? n.resolvedValue : undefined);
    case Family.Time:
      return (n) => {
        const v = n.resolvedValue as TimeValue | null;
        return v !== null && typeof v === 'object' && typeof v.sec === 'number' ? v : undefined;
      };
    case Family.Protocol: return protocolValue;
    case Family.None: return () => null;
  }
}

function protocolValue(n: FieldNode): ProtocolValue {
  const ds = n.ds;
  if (ds === null) return { item: new Uint8Array(0), rest: new Uint8Array(0) };
  const rest = ds.bytes.subarray(n.start);
  return { item: n.length < 0 ? rest : rest.subarray(0, n.length), rest };
}

const utf8 = new TextEncoder();

/** A value's bytes, for slicing (fvalue_slice sees strings as their UTF-8 bytes, addresses in network order). */
function bytesOf(ftype: FieldType, v: Value): Uint8Array {
  switch (familyOf(ftype)) {
    case Family.String: return utf8.encode(v as string);
    case Family.IPv4: {
      const a = typeof v === 'number' ? v : (v as Ipv4Net).addr;
      return Uint8Array.of(a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255);
    }
    case Family.IPv6: return v instanceof Uint8Array ? v : (v as Ipv6Net).bytes;
    case Family.Protocol: return (v as ProtocolValue).item;
    default: return v instanceof Uint8Array ? v : new Uint8Array(0);
  }
}

/** fvalue_length(): bytes for strings and byte sequences, the wire size for the rest. */
function valueLength(ftype: FieldType, v: Value): number {
  switch (familyOf(ftype)) {
    case Family.String: return Buffer.byteLength(v as string, 'utf8');
    case Family.Bytes: return (v as Uint8Array).length;
    case Family.Protocol: return (v as ProtocolValue).item.length;
    default: return wireSize(ftype);
  }
}

/** C's "%.17g", as g_ascii_dtostr() writes doubles. */
function dtostr(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= 17) {
    const [m, e] = v.toExponential(16).split('e');
    const mant = m!.includes('.') ? m!.replace(/0+$/, '').replace(/\.$/, '') : m!;
    const n = Number(e);
    return `${mant}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  const s = v.toPrecision(17);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** fvalue_to_string_repr(FTREPR_DFILTER) for the types string() accepts. */
function filterRepr(ftype: FieldType, v: Value): string {
  switch (ftype) {
    case FT.IPv4: return formatIPv4(v as number);
    case FT.IPv6: return formatIPv6(v as Uint8Array, 0);
    case FT.ETHER: return formatEther(v as Uint8Array, 0);
    case FT.FLOAT: case FT.DOUBLE: return dtostr(v as number);
    case FT.EUI64: {
      const hex = BigInt(v as number | bigint).toString(16).padStart(16, '0');
      return hex.match(/../g)!.join(':');
    }
    case FT.GUID: case FT.OID: return formatHexBytes(v as Uint8Array, ':');
    default: return String(v);
  }
}
