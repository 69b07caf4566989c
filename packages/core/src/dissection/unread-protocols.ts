import { fieldRegistry, type FieldDef } from '../fields/field-def.js';
import type { TreeContext } from '../fields/field-node.js';
import type { Dissector } from './dissector.js';
import type { DissectorRegistry } from './dissector-registry.js';

/**
 * TCP fields whose values do not depend on what the payload's dissector
 * does. The others (tcp.segment*, tcp.reassembled*, tcp.pdu.*, ...) follow
 * the desegmentation requests of the protocol on top; tcp.completeness
 * follows FTP, whose announced data connection is no new conversation at
 * its SYN (so the SYN adds no flag).
 */
const PAYLOAD_INDEPENDENT_TCP = [
  'tcp.srcport', 'tcp.dstport', 'tcp.port', 'tcp.stream', 'tcp.seq', 'tcp.nxtseq', 'tcp.ack', 'tcp.hdr_len',
  'tcp.flags', 'tcp.window_size', 'tcp.checksum', 'tcp.analysis', 'tcp.len', 'tcp.urgent_pointer', 'tcp.option', 'tcp.options', 'tcp.time_relative',
  'tcp.time_delta', 'tcp.payload', 'tcp.reset_cause', 'tcp.connection', 'tcp.short_segment', 'tcp.nop', 'tcp.non_zero_bytes_after_eol',
  'tcp.bogus_header_length', 'tcp.suboption_malformed',
];

function payloadIndependentTcpField(abbrev: string): boolean {
  for (const p of PAYLOAD_INDEPENDENT_TCP) if (abbrev === p || (abbrev.startsWith(p) && /[._]/.test(abbrev[p.length]!))) return true;
  return false;
}

/**
 * The protocols nothing of which is read when a run reads only `fields`
 * (no columns, taps, expert items or other output): a session may skip
 * them (SessionOptions.skip). A protocol qualifies when neither it nor
 * anything it may carry (its dissectors' `carries`, followed through)
 * has a field in `fields`, every dissector on the way declares what it
 * carries, and whatever may call it (other than last) is skipped too.
 * Empty when a field read depends on every layer: `_ws.*` (expert items,
 * malformed marks), frame.protocols, TCP reassembly fields.
 */
export function unreadProtocols(registry: DissectorRegistry, fields: Iterable<FieldDef>): Set<string> {
  const read = readProtocols(fields);
  if (read === null) return new Set();
  const byProto = new Map<string, Dissector[]>();
  for (const d of registry.all()) {
    const list = byProto.get(d.proto);
    if (!list) byProto.set(d.proto, [d]);
    else if (!list.includes(d)) list.push(d);
  }
  const skip = new Set<string>();
  for (const [proto, dissectors] of byProto) {
    if (!read.has(proto) && carriesNothingRead(registry, dissectors, read)) skip.add(proto);
  }
  // An exception a protocol raises on bad data cuts short the items its caller would add after
  // it: a protocol is skipped only under callers that are skipped too, that call it last
  // ("last:"), or that are lower layers (they catch it and add nothing read after it).
  const callers: Array<[Dissector, Set<string>]> = [];
  for (const dissectors of byProto.values()) {
    for (const d of dissectors) {
      if (d.carries === undefined) continue;
      const called = new Set<string>();
      for (const entry of d.carries) if (!entry.startsWith('last:')) for (const next of registry.named(entry)) called.add(next.proto);
      callers.push([d, called]);
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [caller, called] of callers) {
      if (skip.has(caller.proto)) continue;
      for (const proto of called) if (proto !== caller.proto && skip.delete(proto)) changed = true;
    }
  }
  return skip;
}

/**
 * What a protocol right on TCP gives other TCP streams or the rest of its
 * own to (HTTP after CONNECT, FTP its data connections): never done by one
 * called beside another protocol in a frame.
 */
const TCP_HAND_OFFS = new Set(['last:table:tcp.port', 'last:heuristics:tcp']);

/**
 * What a run that shows only frames holding one of `fields` may leave out:
 * `skip`, the protocols that can be in no such frame (SessionOptions.skip),
 * and `keepAfter`, the protocols of `fields` (SessionOptions.skipUnlessAfter).
 * For a display filter no frame passes without one of its fields (-Y
 * 'http.request.method == "POST" || dns.flags.rcode != 0'): whatever such
 * a frame shows (columns, tree) comes out as when everything is dissected.
 *
 * A frame holding a field of protocol P holds the lower layers (which
 * give each PDU to one protocol), P's callers (never skipped: they carry
 * P), what P carries, and what P's callers call beside it (HTTP's bodies,
 * MIME parts): all of these are kept, with all they carry. What comes
 * after P's layer as a last act (a tunnel's first bytes after HTTP's
 * answer to CONNECT) is kept by the session at run time instead, so that
 * such hand-offs do not keep every protocol on TCP.
 */
export function protocolsOutsideShownFrames(registry: DissectorRegistry, fields: Iterable<FieldDef>): { skip: Set<string>; keepAfter: Set<string> } {
  const defs = [...fields];
  const read = readProtocols(defs);
  const none = { skip: new Set<string>(), keepAfter: new Set<string>() };
  if (read === null) return none;
  // A read protocol that does not say what it calls (IP, TCP) may have anything above it.
  for (const d of registry.all()) if (d.carries === undefined && read.has(d.proto)) return none;
  const skip = unreadProtocols(registry, defs);
  for (const d of mayReach(registry, (x) => read.has(x.proto) || x.carries === undefined)) {
    if (d.carries === undefined) continue;
    for (const entry of d.carries) {
      if (entry.startsWith('last:')) continue;
      const beside = carriedProtocols(registry, [...registry.named(entry)], (e) => !TCP_HAND_OFFS.has(e));
      // One that does not say what it calls may call anything.
      if (beside === null) return none;
      for (const p of beside) skip.delete(p);
    }
  }
  return skip.size ? { skip, keepAfter: read } : none;
}

/** The dissectors `goal` holds for, and every one whose `carries` lead to one of them. */
function mayReach(registry: DissectorRegistry, goal: (d: Dissector) => boolean): Set<Dissector> {
  const callers = new Map<Dissector, Dissector[]>();
  const found = new Set<Dissector>();
  for (const d of registry.all()) {
    if (goal(d)) found.add(d);
    for (const entry of d.carries ?? []) {
      for (const next of registry.named(entry)) {
        const list = callers.get(next);
        if (list === undefined) callers.set(next, [d]);
        else list.push(d);
      }
    }
  }
  const todo = [...found];
  while (todo.length) {
    for (const c of callers.get(todo.pop()!) ?? []) {
      if (found.has(c)) continue;
      found.add(c);
      todo.push(c);
    }
  }
  return found;
}

/**
 * The protocols of `start` and of every dissector reachable from them
 * through the `carries` entries `follow` accepts; null when one of them
 * does not declare what it carries.
 */
function carriedProtocols(registry: DissectorRegistry, start: readonly Dissector[], follow: (entry: string) => boolean = () => true): Set<string> | null {
  const seen = new Set<Dissector>();
  const protos = new Set<string>();
  const todo = [...start];
  while (todo.length) {
    const d = todo.pop()!;
    if (seen.has(d)) continue;
    seen.add(d);
    protos.add(d.proto);
    if (d.carries === undefined) return null;
    for (const entry of d.carries) if (follow(entry)) for (const next of registry.named(entry)) todo.push(next);
  }
  return protos;
}

/**
 * The protocols `fields` come from; null when one of them depends on every
 * layer: `_ws.*` (expert items, malformed marks: raised anywhere),
 * frame.protocols, or a TCP field that follows the payload's desegmentation.
 */
function readProtocols(fields: Iterable<FieldDef>): Set<string> | null {
  const read = new Set<string>();
  for (const def of fields) {
    if (def.abbrev.startsWith('_ws.') || def.proto.startsWith('_ws.')) return null;
    if (def.abbrev === 'frame.protocols' || def.abbrev.startsWith('frame.coloring_rule')) return null;
    if (def.proto === 'tcp' && !payloadIndependentTcpField(def.abbrev)) return null;
    read.add(def.proto);
  }
  return read;
}

/**
 * Whether a pruned tree may keep anything dissector `d` adds, itself or
 * through what it carries. When not, the dissector runs without a tree,
 * as on a first pass, instead of adding items the tree only drops (and
 * working out their values). Worked out once per dissector and tree.
 */
export function treeMayKeep(ctx: TreeContext, d: Dissector, registry: DissectorRegistry): boolean {
  const interest = ctx.interest;
  if (interest === null || d.carries === undefined) return true;
  const gates = (ctx.dissectorGates ??= new Map());
  let keeps = gates.get(d);
  if (keeps === undefined) {
    const read = readProtocols([...fieldRegistry.all()].filter((def) => interest[def.id] === 1));
    keeps = read === null || !carriesNothingRead(registry, [d], read);
    gates.set(d, keeps);
  }
  return keeps;
}

/** Whether no protocol reachable from `start` through `carries` is read, and all of them declare `carries`. */
function carriesNothingRead(registry: DissectorRegistry, start: readonly Dissector[], read: ReadonlySet<string>): boolean {
  const reached = carriedProtocols(registry, start);
  if (reached === null) return false;
  for (const p of reached) if (read.has(p)) return false;
  return true;
}
