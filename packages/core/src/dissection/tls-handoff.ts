import type { FieldNode } from '../fields/field-node.js';
import type { PacketInfo } from './packet-info.js';
import type { Tvb } from './tvb.js';

/**
 * A payload a mail protocol knows to be TLS, given to the "tls" dissector
 * when a package provides one; without one, 0 ("not mine"), so TCP shows it
 * as data (what tshark shows for it needs its TLS dissector: the bytes are
 * not passed off as the mail protocol's).
 */
export function tryTls(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): number {
  const tls = pinfo.session.registry.byProto('tls');
  return tls ? pinfo.call(tls, tvb, tree, data) : 0;
}

/**
 * call_dissector(tls_handle) from within a mail protocol: TLS, and the data
 * dissector when TLS declines the payload (or no package provides TLS), so
 * the frame's layers are the protocol's, then data.
 */
export function callTlsOrData(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): number {
  if (tryTls(tvb, pinfo, tree, data) > 0) return tvb.length;
  const raw = pinfo.session.registry.byProto('data');
  if (raw) pinfo.call(raw, tvb, tree);
  return tvb.length;
}
