import type { DataSource } from '../dissection/data-source.js';
import type { Tvb } from '../dissection/tvb.js';
import { BoundsKind, DissectorBoundsError } from '../dissection/dissector-errors.js';
import { FT, integerBits } from './field-types.js';
import { decodeAscii } from './ascii-decoding.js';
import { fieldRegistry, type FieldDef } from './field-def.js';
import type { FieldGroup } from './field-group.js';
import { addExpertTree, eiTrailingStray } from '../dissection/expert.js';

export const NodeFlag = {
  HIDDEN: 1,
  GENERATED: 2,
  /** The whole label was set by the dissector (proto_tree_add_*_format). */
  CUSTOM_LABEL: 4,
  /** The value part of the label was set by the dissector (*_format_value). */
  CUSTOM_VALUE: 8,
  /** Field value is read from the data source bytes on demand (ether, IPv6, bytes). */
  VALUE_FROM_BYTES: 16,
  /** Value is little-endian in the packet (affects nothing but bit rendering). */
  LITTLE_ENDIAN: 32,
  /**
   * A pruned tree's stand-in for an item it does not keep: not in the tree,
   * its children go to the nearest kept ancestor and label edits are dropped.
   */
  STAND_IN: 64,
  /**
   * A pruned tree's place-holder for a protocol item it does not keep, when
   * it keeps expert items: in the tree (no field, no label), so that what
   * goes under it keeps the full tree's order (Ethernet's trailer note,
   * raised after the layers above, still comes before them).
   */
  PLACE_HOLDER: 128,
  /**
   * The label holds text a dissector put in unformatted, which may keep
   * bytes that are not UTF-8 (see raw-byte-strings.ts): tshark prints
   * those bytes as they are.
   */
  RAW_LABEL: 256,
} as const;

/** What a pruned tree hands back for an item it drops: label and length edits on it do nothing. */
const PRUNED = NodeFlag.STAND_IN | NodeFlag.PLACE_HOLDER;

/**
 * What a tree is being built for. A full tree (the details pane, -V, JSON)
 * keeps every item and its label; a pruned tree (-e fields, display
 * filters) keeps only the fields in `interest`, attaching each to its
 * nearest kept ancestor, like Wireshark's "fake" trees.
 */
export class TreeContext {
  constructor(
    /** Per field id: 1 to keep. null keeps everything. */
    readonly interest: Uint8Array | null = null,
    /** Build item labels (protocol summaries, formatted values); always on for full trees. */
    readonly labels: boolean = interest === null,
  ) {}

  /** Per dissector: whether this tree may keep anything it adds (see treeMayKeep). */
  dissectorGates: Map<object, boolean> | null = null;

  /**
   * Items dissectors asked to add, kept or not (Wireshark's tree_data->count,
   * which counts faked items too): call_dissector_work leaves out a layer
   * during which this did not move.
   */
  itemsAsked = 0;

  /** Whether dissectors should spend time on labels. */
  get full(): boolean {
    return this.labels;
  }

  keeps(def: FieldDef): boolean {
    return this.interest === null || this.interest[def.id] === 1;
  }

  /** 1 keeps a _ws field, 2 not, 0 not yet worked out. */
  private expertGate = 0;

  /**
   * Whether this pruned tree keeps what expert items put in a tree: any `_ws`
   * field (-e _ws.expert.message, -Y _ws.expert, _ws.malformed), as
   * keepsAnyFieldOf counts them.
   */
  get keepsExpertItems(): boolean {
    if (this.interest === null) return true;
    if (this.expertGate === 0) this.expertGate = keepsAnyFieldOf(this.interest, '_ws.expert') ? 1 : 2;
    return this.expertGate === 1;
  }

  /** 1 keeps protocol items' places, 2 not, 0 not yet worked out. */
  private placeGate = 0;

  /**
   * Whether this pruned tree keeps a place for each protocol item it drops
   * (a place-holder its items hang under): for expert items, and for Data,
   * which the data dissector adds under whatever tree its caller has, so
   * that data.data values keep the full tree's order, as tshark's do.
   */
  get keepsProtocolPlaces(): boolean {
    if (this.interest === null) return true;
    if (this.placeGate === 0) this.placeGate = this.keepsExpertItems || keepsAnyFieldOf(this.interest, 'data') ? 1 : 2;
    return this.placeGate === 1;
  }

  /** Whether any of `defs` is kept (a dissector skips work only such fields would show). */
  keepsAnyOf(defs: readonly FieldDef[]): boolean {
    if (this.interest === null) return true;
    for (const d of defs) if (this.interest[d.id] === 1) return true;
    return false;
  }

  /** Per protocol field id: 1 kept, 2 not, 0 not yet worked out. */
  private protocolGates: Uint8Array | null = null;

  /** keepsGroup's answers per FieldGroup index. */
  private readonly groupGates = new GroupGates();

  /**
   * Whether this tree keeps any field of the group, or an expert item (one
   * raised on the group's items hangs under them): `_ws.expert*`, or a field
   * without a value (FT_NONE, which expert items are) of the group's
   * protocols. Worked out once per group.
   */
  keepsGroup(group: FieldGroup): boolean {
    const interest = this.interest;
    if (interest === null) return true;
    const gate = this.groupGates.get(group);
    if (gate !== 0) return gate === 1;
    return this.groupGates.set(group, this.keepsAnyOf(group.defs) || keepsAnyFieldOf(interest, '_ws') || keepsValuelessFieldOf(interest, group.defs));
  }

  /** keepsProtocolBeyond's answers per FieldGroup index. */
  private readonly beyondGates = new GroupGates();

  /**
   * Whether this tree keeps a field of `proto` outside `group`, or any
   * `_ws` field (expert items, malformed marks). A dissector whose group
   * holds everything it adds before a long tail of items (the DNS header
   * before its records) skips the tail's items when this says no.
   * Worked out once per group.
   */
  keepsProtocolBeyond(proto: string, group: FieldGroup): boolean {
    const interest = this.interest;
    if (interest === null) return true;
    const gate = this.beyondGates.get(group);
    if (gate !== 0) return gate === 1;
    return this.beyondGates.set(group, keepsAnyFieldOf(interest, proto, new Set(group.defs.map((d) => d.id))));
  }

  /**
   * Whether this tree keeps anything a protocol's own subtree could hold:
   * the protocol item, one of its fields, or an expert item (those attach
   * under whichever item raised them). A full tree keeps everything.
   */
  keepsProtocol(proto: FieldDef): boolean {
    const interest = this.interest;
    if (interest === null) return true;
    const gates = (this.protocolGates ??= new Uint8Array(interest.length));
    // A protocol registered after the interest array was sized is worked out each time.
    let gate = proto.id < gates.length ? gates[proto.id]! : 0;
    if (gate === 0) {
      gate = keepsAnyFieldOf(interest, proto.abbrev) ? 1 : 2;
      if (proto.id < gates.length) gates[proto.id] = gate;
    }
    return gate === 1;
  }
}

/** One yes/no per FieldGroup, worked out on first use. */
class GroupGates {
  /** Per group index: 1 yes, 2 no, 0 not worked out yet. */
  private gates: Uint8Array | null = null;

  get(group: FieldGroup): number {
    const gates = this.gates;
    return gates !== null && group.index < gates.length ? gates[group.index]! : 0;
  }

  set(group: FieldGroup, yes: boolean): boolean {
    let gates = this.gates;
    if (gates === null || group.index >= gates.length) {
      const grown = new Uint8Array(Math.max(group.index + 1, 16));
      if (gates !== null) grown.set(gates);
      gates = this.gates = grown;
    }
    gates[group.index] = yes ? 1 : 2;
    return yes;
  }
}

function keepsValuelessFieldOf(interest: Uint8Array, defs: readonly FieldDef[]): boolean {
  const protocols = new Set(defs.map((d) => d.proto));
  for (const def of fieldRegistry.all()) if (interest[def.id] === 1 && def.type === FT.NONE && protocols.has(def.proto)) return true;
  return false;
}

/** Whether the interest holds a field of `proto` (outside `except`, the ids of a group) or any `_ws` field. */
function keepsAnyFieldOf(interest: Uint8Array, proto: string, except: ReadonlySet<number> | null = null): boolean {
  const prefix = `${proto}.`;
  for (const def of fieldRegistry.all()) {
    if (interest[def.id] !== 1 || except?.has(def.id)) continue;
    if (def.proto === proto || def.abbrev === proto || def.abbrev.startsWith(prefix)) return true;
    if (def.proto.startsWith('_ws.') || def.abbrev.startsWith('_ws.')) return true;
  }
  return false;
}

/**
 * One item of the details tree: a field occurrence (or a text line), its
 * place in its data source, its value, and its children. The node is its
 * own subtree handle, so `node.add(...)` adds a child.
 */
export class FieldNode {
  children: FieldNode[] | null = null;
  flags = 0;
  /** Label override: whole label (CUSTOM_LABEL) or value part (CUSTOM_VALUE). */
  text: string | null = null;
  /** proto_item_append_text() suffix. */
  appended: string | null = null;

  constructor(
    readonly ctx: TreeContext,
    readonly def: FieldDef | null,
    public ds: DataSource | null,
    public start: number,
    public length: number,
    public value: unknown,
    public parent: FieldNode | null,
  ) {}

  static root(ctx: TreeContext): FieldNode {
    return new FieldNode(ctx, null, null, 0, 0, null, null);
  }

  /** The node children really attach to: this one, or for a stand-in its kept ancestor. */
  private get holder(): FieldNode {
    return this.flags & NodeFlag.STAND_IN ? this.parent! : this;
  }

  /** The root of the tree this node is in (proto_tree_get_root). */
  treeRoot(): FieldNode {
    let n: FieldNode = this;
    while (n.parent !== null) n = n.parent;
    return n;
  }

  /** True for what a pruned tree returns instead of an item it does not keep (a stand-in or a place-holder). */
  get isStandIn(): boolean {
    return (this.flags & PRUNED) !== 0;
  }

  /** What add*() returns for an item a pruned tree drops (one per kept node, reused). */
  private standIn(): FieldNode {
    const holder = this.holder;
    let s = holder.prunedStandIn;
    if (s === null) {
      s = new FieldNode(this.ctx, null, null, 0, 0, null, holder);
      s.flags = NodeFlag.STAND_IN;
      holder.prunedStandIn = s;
    }
    return s;
  }

  private prunedStandIn: FieldNode | null = null;

  /** A pruned protocol item's place in the tree (NodeFlag.PLACE_HOLDER). */
  private placeHolder(): FieldNode {
    const node = this.attach(new FieldNode(this.ctx, null, null, 0, 0, null, this));
    node.flags = NodeFlag.PLACE_HOLDER;
    return node;
  }

  private attach(node: FieldNode): FieldNode {
    const holder = this.holder;
    node.parent = holder;
    if (holder.children === null) holder.children = [node];
    else holder.children.push(node);
    return node;
  }

  /** Add a field with an explicit value (already masked and shifted for bit fields). */
  add(def: FieldDef, tvb: Tvb | null, off: number, len: number, value: unknown): FieldNode {
    this.ctx.itemsAsked++;
    if (len < 0 && tvb) ensureToEnd(tvb, off, def.type, len);
    if (this.ctx.interest !== null && this.ctx.interest[def.id] !== 1) {
      if (def.type === FT.PROTOCOL && this.ctx.keepsProtocolPlaces) return this.placeHolder();
      return this.standIn();
    }
    // -1: to the end of the data, as in Wireshark.
    if (len < 0 && tvb) len = Math.max(0, tvb.remaining(off));
    return this.attach(new FieldNode(this.ctx, def, tvb ? tvb.ds : null, tvb ? tvb.start + off : 0, len, value, this));
  }

  /** Add a field whose value is read from the packet according to its type (proto_tree_add_item). */
  addItem(def: FieldDef, tvb: Tvb, off: number, len: number, littleEndian = false): FieldNode {
    this.ctx.itemsAsked++;
    if (len < 0) ensureToEnd(tvb, off, def.type, len);
    // A text-only or protocol item is clipped to the captured data, failing only when it starts past it (get_hfi_length).
    else if ((def.type === FT.NONE || def.type === FT.PROTOCOL) && off + len > tvb.length) {
      if (off > tvb.length) tvb.check(off, 0);
      len = tvb.length - off;
    }
    if (this.ctx.interest !== null && this.ctx.interest[def.id] !== 1) {
      // Still bounds-check, so a pruned tree fails where a full one would.
      tvb.check(off, len < 0 ? 0 : len);
      const standIn = this.standIn();
      // A string's trailing-stray expert shows even when the string is not kept (tshark -e _ws.expert, -Y _ws.expert).
      if (def.type === FT.STRING && this.ctx.keepsExpertItems) {
        const n = len < 0 ? tvb.remaining(off) : len;
        addStrayExpert(standIn, tvb, off, n, readFieldValue(def, tvb, off, n, littleEndian));
      }
      return standIn;
    }
    if (len < 0) len = tvb.remaining(off);
    const value = readFieldValue(def, tvb, off, len, littleEndian);
    const node = this.attach(new FieldNode(this.ctx, def, tvb.ds, tvb.start + off, len, value, this));
    if (value === undefined) node.flags |= NodeFlag.VALUE_FROM_BYTES;
    if (littleEndian) node.flags |= NodeFlag.LITTLE_ENDIAN;
    if (def.type === FT.STRING) addStrayExpert(node, tvb, off, len, value);
    return node;
  }

  /** A protocol's top node, optionally with its summary label ("Internet Protocol Version 4, Src: ..."). */
  addProtocol(def: FieldDef, tvb: Tvb | null, off: number, len: number, label?: string): FieldNode {
    const node = this.add(def, tvb, off, len, null);
    if (label !== undefined) node.setText(label);
    return node;
  }

  /**
   * A protocol's subtree, or null when this tree keeps nothing the protocol
   * would put under it (a pruned tree for other protocols' fields): the
   * dissector then runs as it does without a tree, instead of adding dozens
   * of items only to drop them. For dissectors that hand their subtree to
   * no other protocol.
   */
  addProtocolIfKept(def: FieldDef, tvb: Tvb | null, off: number, len: number, label?: string): FieldNode | null {
    this.ctx.itemsAsked++;
    return this.ctx.keepsProtocol(def) ? this.addProtocol(def, tvb, off, len, label) : null;
  }

  /** A text-only line (no field), shown in full trees only. */
  addText(tvb: Tvb | null, off: number, len: number, label: string): FieldNode {
    this.ctx.itemsAsked++;
    if (len < 0 && tvb) ensureToEnd(tvb, off, FT.NONE, len);
    if (this.ctx.interest !== null) return this.standIn();
    const node = this.attach(new FieldNode(this.ctx, null, tvb ? tvb.ds : null, tvb ? tvb.start + off : 0, len, null, this));
    node.text = label;
    node.flags |= NodeFlag.CUSTOM_LABEL;
    return node;
  }

  /** A computed field not present as such in the bytes ("[Stream index: 3]"). */
  addGenerated(def: FieldDef, tvb: Tvb | null, off: number, len: number, value: unknown): FieldNode {
    return this.add(def, tvb, off, len, value).setGenerated();
  }

  /** A field shown only to filters and -e, not in the details pane. */
  addHidden(def: FieldDef, tvb: Tvb | null, off: number, len: number, value: unknown): FieldNode {
    return this.add(def, tvb, off, len, value).setHidden();
  }

  /** Whole-label override (proto_tree_add_*_format). */
  setText(label: string): this {
    if (this.parent === null || this.flags & PRUNED) return this;
    this.text = label;
    this.flags = (this.flags | NodeFlag.CUSTOM_LABEL) & ~NodeFlag.CUSTOM_VALUE;
    return this;
  }

  /** Value-part override: the label becomes "Name: text" (proto_tree_add_*_format_value). */
  setValueText(text: string): this {
    if (this.def === null) return this; // the root and stand-ins have no field
    this.text = text;
    this.flags = (this.flags | NodeFlag.CUSTOM_VALUE) & ~NodeFlag.CUSTOM_LABEL;
    return this;
  }

  appendText(text: string): this {
    if (this.parent === null || this.flags & PRUNED) return this;
    this.appended = this.appended === null ? text : this.appended + text;
    return this;
  }

  /** The label may keep raw bytes (NodeFlag.RAW_LABEL). */
  setRawLabel(): this {
    if (this.parent !== null && !(this.flags & PRUNED)) this.flags |= NodeFlag.RAW_LABEL;
    return this;
  }

  setGenerated(): this {
    if (this.parent !== null && !(this.flags & PRUNED)) this.flags |= NodeFlag.GENERATED;
    return this;
  }

  setHidden(): this {
    if (this.parent !== null && !(this.flags & PRUNED)) this.flags |= NodeFlag.HIDDEN;
    return this;
  }

  setLength(len: number): this {
    if (this.parent !== null && !(this.flags & PRUNED)) this.length = len;
    return this;
  }

  /** Move this node to just after `sibling` among their parent's children (proto_tree_move_item). */
  moveAfter(sibling: FieldNode): void {
    const kids = this.parent?.children;
    if (!kids || sibling.parent !== this.parent || sibling === this) return;
    kids.splice(kids.indexOf(this), 1);
    kids.splice(kids.indexOf(sibling) + 1, 0, this);
  }

  /** The bytes this node covers in its data source. */
  bytes(): Uint8Array {
    if (this.ds === null) return new Uint8Array(0);
    return this.ds.bytes.subarray(this.start, this.start + this.length);
  }

  /** The field's value, reading byte-valued types from the data source. */
  get resolvedValue(): unknown {
    if (this.flags & NodeFlag.VALUE_FROM_BYTES) return this.bytes();
    return this.value;
  }

  /** Depth-first visit of this node's descendants (not the node itself). */
  forEach(visit: (node: FieldNode) => void): void {
    const kids = this.children;
    if (kids === null) return;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      visit(k);
      k.forEach(visit);
    }
  }

  /** First descendant of the given field, or null. */
  find(def: FieldDef): FieldNode | null {
    const kids = this.children;
    if (kids === null) return null;
    for (const k of kids) {
      if (k.def === def) return k;
      const f = k.find(def);
      if (f) return f;
    }
    return null;
  }
}

/** The field types for which get_hfi_length reads a length of -1 as "to the end of the data". */
export function runsToTheEnd(type: number): boolean {
  return type === FT.NONE || type === FT.PROTOCOL || type === FT.BYTES || type === FT.STRING || type === FT.STRINGZPAD;
}

/**
 * get_hfi_length for a negative length: -1 runs "to the end" for the types
 * that may, which needs a byte there unless the data is empty
 * (tvb_ensure_captured_length_remaining); any other negative length, or
 * -1 for other types, is a length past any packet.
 */
function ensureToEnd(tvb: Tvb, off: number, type: number, len: number): void {
  if (len === -1 && runsToTheEnd(type)) tvb.lengthToEnd(off);
  else throw new DissectorBoundsError(BoundsKind.Reported);
}

function readFieldValue(def: FieldDef, tvb: Tvb, off: number, len: number, le: boolean): unknown {
  switch (def.type) {
    case FT.UINT8: case FT.UINT16: case FT.UINT24: case FT.UINT32: case FT.CHAR: case FT.BOOLEAN:
    case FT.INT8: case FT.INT16: case FT.INT24: case FT.INT32: case FT.FRAMENUM: {
      let v = readUint(tvb, off, len, le);
      if (def.bitmask) v = Math.floor(((v & def.bitmask) >>> 0) / 2 ** def.shift);
      if (def.type === FT.INT8 || def.type === FT.INT16 || def.type === FT.INT24 || def.type === FT.INT32) {
        const bits = def.bitmask ? countBits(def.bitmask) : Math.min(integerBits(def.type), len * 8);
        if (bits < 32 && v >= 2 ** (bits - 1)) v -= 2 ** bits;
        else if (bits === 32) v |= 0;
      }
      return v;
    }
    case FT.UINT40: case FT.UINT48: case FT.UINT56: case FT.UINT64: case FT.INT64: {
      let v = 0n;
      for (let i = 0; i < len; i++) {
        const b = BigInt(tvb.u8(le ? len - 1 - i + off : off + i));
        v = (v << 8n) | b;
      }
      if (def.type === FT.INT64 && v >= 1n << 63n) v -= 1n << 64n;
      return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    }
    case FT.IPv4:
      return le ? tvb.u32le(off) : tvb.u32(off);
    case FT.ETHER: case FT.IPv6: case FT.BYTES: case FT.EUI64: case FT.GUID: case FT.OID:
      tvb.check(off, len);
      return undefined;
    case FT.STRING: case FT.STRINGZ: case FT.STRINGZPAD: {
      // Wireshark keeps strings as C strings: the value ends at the first NUL.
      const bytes = tvb.view(off, len);
      const nul = bytes.indexOf(0);
      return decodeAscii(nul < 0 ? bytes : bytes.subarray(0, nul));
    }
    case FT.NONE: case FT.PROTOCOL:
      tvb.check(off, len);
      return null;
    default:
      tvb.check(off, len);
      return null;
  }
}

/** Anything but NULs after the NUL that ended a string (proto.c's detect_trailing_stray_characters). */
/**
 * proto.c's detect_trailing_stray_characters: whether anything but NULs
 * follows the NUL that ended a string value. Wireshark looks in its
 * converted (UTF-8) string, from the value's end up to the item's byte
 * length: each byte a U+FFFD replaced before the NUL takes three, so a
 * value with many of them hides what follows. `valueUtf8Length` is the
 * value's length in that string.
 */
function hasTrailingStray(bytes: Uint8Array, valueUtf8Length: number): boolean {
  const nul = bytes.indexOf(0);
  if (nul < 0) return false;
  // The NUL itself, then one converted byte per NUL after it; any other byte converts to something not NUL.
  for (let i = nul + 1, pos = valueUtf8Length + 1; i < bytes.length && pos < bytes.length; i++, pos++) {
    if (bytes[i] !== 0) return true;
  }
  return false;
}

/** A string item whose bytes go on after the NUL that ended it gets the "Trailing stray characters" expert. */
function addStrayExpert(node: FieldNode, tvb: Tvb, off: number, len: number, value: unknown): void {
  if (typeof value === 'string' && value.length < len) addTrailingStrayExpert(node, tvb.view(off, len), value);
}

/** The "Trailing stray characters" expert on string item `node` (its `bytes`, its C-string `value`), when Wireshark gives it. */
export function addTrailingStrayExpert(node: FieldNode, bytes: Uint8Array, value: string): void {
  if (hasTrailingStray(bytes, Buffer.byteLength(value))) addExpertTree(node, eiTrailingStray, eiTrailingStray.summary);
}

function readUint(tvb: Tvb, off: number, len: number, le: boolean): number {
  switch (len) {
    case 1: return tvb.u8(off);
    case 2: return le ? tvb.u16le(off) : tvb.u16(off);
    case 3: return le ? tvb.u8(off) | (tvb.u16le(off + 1) << 8) : tvb.u24(off);
    case 4: return le ? tvb.u32le(off) : tvb.u32(off);
    default: {
      let v = 0;
      for (let i = 0; i < len; i++) v = v * 256 + tvb.u8(le ? off + len - 1 - i : off + i);
      return v;
    }
  }
}

function countBits(mask: number): number {
  let n = 0;
  for (let m = mask; m; m = Math.floor(m / 2)) if (m & 1) n++;
  return n;
}
