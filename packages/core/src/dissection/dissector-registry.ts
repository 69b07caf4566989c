import type { Dissector } from './dissector.js';
import type { PacketInfo } from './packet-info.js';
import type { Tvb } from './tvb.js';
import { fieldRegistry } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';

/** A heuristic dissector: looks at the payload and claims it (returns > 0) or not (0). */
export interface HeuristicEntry {
  readonly dissector: Dissector;
  /** Short description for listings ("HTTP over TCP"). */
  readonly description: string;
  enabled: boolean;
}

/**
 * Dissector tables (ethertype, ip.proto, udp.port, tcp.port, ...), string
 * tables (media_type) and heuristic lists, as in Wireshark's packet.c.
 * Protocol packages add themselves here; lower layers look their payload up here.
 */
export class DissectorRegistry {
  private readonly tables = new Map<string, Map<number, Dissector>>();
  /** String tables, keyed by lower-case string: the ones netdissect needs are STRING_CASE_INSENSITIVE. */
  private readonly stringTables = new Map<string, Map<string, Dissector>>();
  private readonly heuristics = new Map<string, HeuristicEntry[]>();
  private readonly byName = new Map<string, Dissector>();
  /** Every dissector by protocol name, for `named`; built on first use after a change. */
  private byProtocol: Map<string, Dissector[]> | null = null;

  addUint(table: string, key: number, d: Dissector): void {
    this.byProtocol = null;
    let t = this.tables.get(table);
    if (!t) this.tables.set(table, (t = new Map()));
    t.set(key, d);
    this.byName.set(d.proto, d);
  }

  removeUint(table: string, key: number): void {
    this.byProtocol = null;
    this.tables.get(table)?.delete(key);
  }

  /**
   * dissector_change_uint over keys first..last (Decode As): each key of
   * `table` goes to `d`. Returns what puts the table back as it was.
   */
  changeUint(table: string, first: number, last: number, d: Dissector): () => void {
    let t = this.tables.get(table);
    if (!t) this.tables.set(table, (t = new Map()));
    const tbl = t;
    const before: Array<[number, Dissector | undefined]> = [];
    for (let k = first; k <= last; k++) {
      before.push([k, tbl.get(k)]);
      tbl.set(k, d);
    }
    this.byProtocol = null;
    return () => {
      for (const [k, old] of before.reverse()) {
        if (old) tbl.set(k, old);
        else tbl.delete(k);
      }
      this.byProtocol = null;
    };
  }

  /** The names of the uint tables (ethertype, ip.proto, tcp.port, udp.port ...). */
  uintTables(): string[] {
    return [...this.tables.keys()];
  }

  /**
   * What a uint table's keys can be decoded as: each protocol with an
   * entry in it, by name, the first entry registered for it if several.
   * Only names a protocol is registered under (no internal entry such as
   * SMTP after implicit TLS).
   */
  decodeAsChoices(table: string): Map<string, Dissector> {
    const choices = new Map<string, Dissector>();
    for (const d of this.tables.get(table)?.values() ?? []) if (!choices.has(d.proto) && fieldRegistry.lookup(d.proto)) choices.set(d.proto, d);
    return choices;
  }

  table(table: string): ReadonlyMap<number, Dissector> | undefined {
    return this.tables.get(table);
  }

  getUint(table: string, key: number): Dissector | undefined {
    return this.tables.get(table)?.get(key);
  }

  /** dissector_add_string: keys match case-insensitively. */
  addString(table: string, key: string, d: Dissector): void {
    this.byProtocol = null;
    let t = this.stringTables.get(table);
    if (!t) this.stringTables.set(table, (t = new Map()));
    t.set(key.toLowerCase(), d);
    this.byName.set(d.proto, d);
  }

  /** dissector_get_string_handle. */
  getString(table: string, key: string): Dissector | undefined {
    return this.stringTables.get(table)?.get(key.toLowerCase());
  }

  /**
   * dissector_try_string: call the entry for `key`; 0 when none or it
   * declined. The callee learns the matched string (pinfo->match_string)
   * from `data`, as the media_type table's MediaInfo carries it.
   */
  tryString(table: string, key: string, tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): number {
    const d = this.getString(table, key);
    if (!d) return 0;
    return pinfo.call(d, tvb, tree, data);
  }

  addHeuristic(list: string, d: Dissector, description: string): void {
    this.byProtocol = null;
    let l = this.heuristics.get(list);
    if (!l) this.heuristics.set(list, (l = []));
    l.push({ dissector: d, description, enabled: true });
    this.byName.set(d.proto, d);
  }

  heuristicList(list: string): readonly HeuristicEntry[] {
    return this.heuristics.get(list) ?? [];
  }

  /** Register a dissector that is only called by name (e.g. "data", "imf"). */
  addNamed(d: Dissector): void {
    this.byProtocol = null;
    this.byName.set(d.proto, d);
  }

  byProto(proto: string): Dissector | undefined {
    return this.byName.get(proto);
  }

  /** Every dissector in the registry: in tables, heuristic lists, or by name. */
  *all(): Iterable<Dissector> {
    for (const t of this.tables.values()) yield* t.values();
    for (const t of this.stringTables.values()) yield* t.values();
    for (const l of this.heuristics.values()) for (const h of l) yield h.dissector;
    yield* this.byName.values();
  }

  private protocolIndex(): Map<string, Dissector[]> {
    if (this.byProtocol !== null) return this.byProtocol;
    const index = new Map<string, Dissector[]>();
    for (const d of this.all()) {
      const list = index.get(d.proto);
      if (list === undefined) index.set(d.proto, [d]);
      else if (!list.includes(d)) list.push(d);
    }
    return (this.byProtocol = index);
  }

  /** The dissectors a `carries` entry names: "table:X" (uint or string table X), "heuristics:X", or a protocol ("last:" aside). */
  *named(entry: string): Iterable<Dissector> {
    if (entry.startsWith('last:')) entry = entry.slice(5);
    if (entry.startsWith('table:')) {
      const name = entry.slice(6);
      yield* this.tables.get(name)?.values() ?? [];
      yield* this.stringTables.get(name)?.values() ?? [];
    } else if (entry.startsWith('heuristics:')) {
      for (const h of this.heuristics.get(entry.slice(11)) ?? []) yield h.dissector;
    } else {
      yield* this.protocolIndex().get(entry) ?? [];
    }
  }

  /** dissector_try_uint: call the table entry for `key`; 0 when none or it declined. */
  tryUint(table: string, key: number, tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): number {
    const d = this.tables.get(table)?.get(key);
    if (!d) return 0;
    // Restored on return only, as dissector_try_uint_new does: an exception leaves the key set.
    const saved = pinfo.matchUint;
    pinfo.matchUint = key;
    const len = pinfo.call(d, tvb, tree, data);
    pinfo.matchUint = saved;
    return len;
  }

  /** dissector_try_heuristic: first enabled heuristic that claims the data wins. */
  tryHeuristics(list: string, tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): Dissector | null {
    const l = this.heuristics.get(list);
    if (!l) return null;
    for (const h of l) {
      if (!h.enabled) continue;
      if (pinfo.callHeuristic(h.dissector, tvb, tree, data) > 0) return h.dissector;
    }
    return null;
  }
}
