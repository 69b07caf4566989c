import { CREDENTIALS_TAP, decodeBase64Lenient, decodeUtf8UpToNul, type CredentialRecord, type FieldNode, type PacketInfo, type TcpInfo } from '@netdissect/core';
import type { HttpConversation } from './conversation-state.js';
import { httpFields } from './fields.js';

/**
 * g_base64_decode_inplace, read back as a C string: invalid characters are skipped, a quantum cut short
 * (a header the capture cut) gives nothing, a NUL ends it.
 */
export function decodeBasicCredentials(encoded: string): string {
  if (encoded.length <= 1) return encoded;
  return decodeUtf8UpToNul(decodeBase64Lenient(encoded));
}

/**
 * check_auth_basic: "Basic <base64 user:password>" is shown decoded as
 * http.authbasic and, when it has a colon, reported on the credentials
 * tap (first pass only); the server's answer settles `accepted` later.
 * Returns false when the value is not Basic.
 */
export function dissectBasicAuth(value: string, hdrItem: FieldNode | null, pinfo: PacketInfo, hc: HttpConversation, tcp: TcpInfo | null): boolean {
  if (!value.startsWith('Basic ')) return false;
  const decoded = decodeBasicCredentials(value.slice(6));
  hdrItem?.add(httpFields.authBasic, null, 0, 0, decoded);
  const colon = decoded.indexOf(':');
  if (colon >= 0 && !pinfo.visited) {
    const record: CredentialRecord = {
      frame: pinfo.num,
      protocol: 'HTTP',
      method: 'Basic',
      client: pinfo.src.toString(),
      server: pinfo.dst.toString(),
      username: decoded.slice(0, colon),
      password: decoded.slice(colon + 1),
      stream: tcp?.stream ?? -1,
      accepted: null,
    };
    hc.pendingCredentials.push(record);
    pinfo.tap(CREDENTIALS_TAP, record);
  }
  return true;
}

/** A response settles the credentials sent before it: refused with 401 (or 407 from a proxy), else accepted. */
export function settleCredentials(hc: HttpConversation, responseCode: number): void {
  if (hc.pendingCredentials.length === 0 || responseCode === 0) return;
  const accepted = responseCode !== 401 && responseCode !== 407;
  for (const c of hc.pendingCredentials) c.accepted = accepted;
  hc.pendingCredentials.length = 0;
}
