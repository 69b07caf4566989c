import { fieldRegistry, type FieldDef } from '../fields/field-def.js';
import type { TreeContext } from '../fields/field-node.js';
import type { Dissector } from './dissector.js';
import type { DissectorRegistry } from './dissector-registry.js';

/**
 * TCP fields whose values do not depend on what the payload's dissector
 * does. The others (tcp.segment*, tcp.reassembled*, tcp.pdu.*, ...) follow
 * the desegmentation requests of the protocol on top.
 */
const PAYLOAD_INDEPENDENT_TCP = [
  'tcp.srcport', 'tcp.dstport', 'tcp.port', 'tcp.stream', 'tcp.completeness', 'tcp.seq', 'tcp.nxtseq', 'tcp.ack', 'tcp.hdr_len',
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
  const seen = new Set<Dissector>();
  const todo = [...start];
  while (todo.length) {
    const d = todo.pop()!;
    if (seen.has(d)) continue;
    seen.add(d);
    if (read.has(d.proto) || d.carries === undefined) return false;
    for (const entry of d.carries) for (const next of registry.named(entry)) todo.push(next);
  }
  return true;
}
