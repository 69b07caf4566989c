import type { FieldNode, PacketInfo, Tvb } from '@netdissect/core';

const HEURISTIC_LEN = 5;

/**
 * check_imap_heur: a payload whose first five bytes are not all printable
 * ASCII is taken for TLS (the STARTTLS exchange happened before the
 * capture began). Fewer than five bytes cannot tell, so count as text.
 */
export function looksLikeCleartext(tvb: Tvb): boolean {
  if (!tvb.has(0, HEURISTIC_LEN)) return true;
  for (let i = 0; i < HEURISTIC_LEN; i++) {
    const c = tvb.u8(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/**
 * Give a payload sent after the switch to TLS to the "tls" dissector.
 * While no package provides one, decline (0), so TCP shows it as data
 * rather than as IMAP lines.
 */
export function handOffToTls(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data: unknown): number {
  const tls = pinfo.session.registry.byProto('tls');
  return tls ? pinfo.call(tls, tvb, tree, data) : 0;
}

/**
 * The heuristic's own call_dissector(tls_handle): TLS, and the data
 * dissector when TLS declines the payload (or no package provides TLS), so
 * the frame's layers are IMAP's then data, as in tshark.
 */
export function callTlsFromImap(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data: unknown): number {
  const registry = pinfo.session.registry;
  const tls = registry.byProto('tls');
  if (tls && pinfo.call(tls, tvb, tree, data) > 0) return tvb.length;
  const raw = registry.byProto('data');
  if (raw) pinfo.call(raw, tvb, tree);
  return tvb.length;
}
