import { CREDENTIALS_TAP, decodeBase64Lenient, decodeUtf8, decodeUtf8UpToNul, formatBytesAsText, type CredentialRecord, type PacketInfo } from '@netdissect/core';
import type { PendingCredential, SmtpSession } from './smtp-session.js';
/**
 * An AUTH line as Wireshark decodes it when "smtp.decryption" is on: only
 * strings longer than one character that decode to something; null otherwise.
 */
export function decodeAuthText(text: string): Uint8Array | null {
  const nul = text.indexOf('\0');
  const s = nul >= 0 ? text.slice(0, nul) : text;
  if (s.length <= 1) return null;
  const bytes = decodeBase64Lenient(s);
  return bytes.length > 0 ? bytes : null;
}

/** Decoded bytes shown as text (up to a NUL, as a C string). */
export function authBytesText(bytes: Uint8Array): string {
  return decodeUtf8UpToNul(bytes);
}

/** Info text of decoded bytes: format_text over the whole decoded length. */
export function authBytesInfo(bytes: Uint8Array): string {
  return formatBytesAsText(bytes);
}

/** SASL PLAIN's "authzid NUL authcid NUL passwd". */
export function splitSaslPlain(bytes: Uint8Array): { authzid: string; username: string | null; password: string | null } {
  const first = bytes.indexOf(0);
  if (first < 0) return { authzid: decodeUtf8(bytes), username: null, password: null };
  const second = bytes.indexOf(0, first + 1);
  const username = decodeUtf8(bytes.subarray(first + 1, second < 0 ? bytes.length : second));
  const password = second < 0 ? null : decodeUtf8UpToNul(bytes.subarray(second + 1));
  return { authzid: decodeUtf8(bytes.subarray(0, first)), username, password };
}

/** Start collecting an AUTH exchange for the credentials tap. */
export function beginCredential(session: SmtpSession, method: PendingCredential['method']): void {
  session.credential = { method, username: null, record: null };
}

/**
 * Report the credentials of the exchange in progress on CREDENTIALS_TAP
 * (first pass only); the server's 235/535 reply fills in `accepted` later.
 */
export function reportCredential(pinfo: PacketInfo, session: SmtpSession, password: string, stream: number): void {
  const c = session.credential;
  if (!c || c.record || pinfo.visited) return;
  const record: CredentialRecord = {
    frame: pinfo.num,
    protocol: 'SMTP',
    method: c.method,
    client: pinfo.src.toString(),
    server: pinfo.dst.toString(),
    username: c.username ?? '',
    password,
    stream,
    accepted: null,
  };
  c.record = record;
  pinfo.tap(CREDENTIALS_TAP, record);
}

/** The server's verdict on the credentials just sent (235 accepted, anything else refused). */
export function settleCredential(session: SmtpSession, code: number): void {
  const c = session.credential;
  if (!c?.record) return;
  c.record.accepted = code === 235;
  session.credential = null;
}

/** A base64 client line decoded for the tap, whatever the display preference says. */
export function decodeForTap(text: string): Uint8Array {
  return decodeBase64Lenient(text.trim());
}
