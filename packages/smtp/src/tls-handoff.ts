import { callTlsOrData, makeDissector, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';

/**
 * Bytes that are TLS: after an accepted STARTTLS, and on SMTPS (465).
 * Handed to the "tls" dissector when one is registered; without one they
 * are shown as plain data (what tshark shows for them needs its TLS
 * dissector, so we do not pretend they are SMTP).
 */
export function dissectAfterStartTls(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): number {
  return callTlsOrData(tvb, pinfo, tree, data);
}

/** SMTP over implicit TLS (port 465): TLS records whose payload would be SMTP. */
export const smtpsDissector = makeDissector('smtps', 'SMTPS', (tvb, pinfo, tree, data) => dissectAfterStartTls(tvb, pinfo, tree, data), ['tls', 'data']);
