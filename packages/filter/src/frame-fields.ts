import { FT, type FieldDef, type FieldNode } from '@netdissect/core';

/**
 * The occurrences of the fields a filter reads, gathered from a frame's
 * tree in one walk (Wireshark's proto_get_finfo_ptr_array per field).
 * Arrays are reused from frame to frame (only the counts are reset), so a
 * test allocates nothing here.
 */
export class FrameFields {
  /** Per field id: its slot, or -1 if the filter does not read it. */
  private readonly slotOf: Int32Array;
  /** Per slot, its occurrences in this frame: the first counts[slot] entries. */
  private readonly nodes: FieldNode[][];
  private readonly counts: Int32Array;
  /** Per slot, the protocol layer of each occurrence (1 = first ip, 2 = ip in ip...); only when '#' is used. */
  private readonly layers: number[][] | null;
  private readonly protocolCount = new Map<string, number>();

  constructor(defs: readonly FieldDef[], trackLayers: boolean) {
    const maxId = defs.reduce((m, d) => Math.max(m, d.id), -1);
    this.slotOf = new Int32Array(maxId + 1).fill(-1);
    defs.forEach((d, i) => (this.slotOf[d.id] = i));
    this.nodes = defs.map(() => []);
    this.counts = new Int32Array(defs.length);
    this.layers = trackLayers ? defs.map(() => []) : null;
  }

  slot(def: FieldDef): number {
    return def.id < this.slotOf.length ? this.slotOf[def.id]! : -1;
  }

  /** How many times the slot's field occurs in the frame. */
  count(slot: number): number {
    return this.counts[slot]!;
  }

  /** The i-th occurrence (i < count(slot)). */
  node(slot: number, i: number): FieldNode {
    return this.nodes[slot]![i]!;
  }

  /** The layer of the i-th occurrence. */
  layer(slot: number, i: number): number {
    return this.layers![slot]![i]!;
  }

  load(root: FieldNode): void {
    // A loop, not fill(): one slot per field the filter names, and the builtin call cost more than the stores.
    const counts = this.counts;
    for (let i = 0; i < counts.length; i++) counts[i] = 0;
    if (this.layers) this.protocolCount.clear();
    this.visit(root);
  }

  private visit(node: FieldNode): void {
    const kids = node.children;
    if (kids === null) return;
    const slotOf = this.slotOf;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      const def = k.def;
      if (def !== null) {
        const slot = def.id < slotOf.length ? slotOf[def.id]! : -1;
        if (this.layers) this.countLayer(def, slot);
        if (slot >= 0) this.nodes[slot]![this.counts[slot]!++] = k;
      }
      if (k.children !== null) this.visit(k);
    }
  }

  private countLayer(def: FieldDef, slot: number): void {
    let layer: number;
    if (def.type === FT.PROTOCOL) {
      layer = (this.protocolCount.get(def.abbrev) ?? 0) + 1;
      this.protocolCount.set(def.abbrev, layer);
    } else {
      layer = this.protocolCount.get(def.proto) ?? 1;
    }
    // Runs before the occurrence is counted: counts[slot] is its index.
    if (slot >= 0) this.layers![slot]![this.counts[slot]!] = layer;
  }
}
