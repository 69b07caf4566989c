import { CREDENTIALS_TAP, type CredentialRecord, type PacketInfo } from '@netdissect/core';

/** How packet-pop.c classifies a request's argument (pop_arg_type_t): by a USER or PASS prefix. */
export const PopArgType = { UNKNOWN: 0, USERNAME: 1, PASSWORD: 2 } as const;
export type PopArgType = (typeof PopArgType)[keyof typeof PopArgType];

/** A client line as the credential tracker needs it. */
export interface PopClientLine {
  readonly argType: PopArgType;
  /** First word, upper-cased. */
  readonly command: string;
  /** The rest of the line after the blanks that follow the first word. */
  readonly parameter: string;
  /** The whole line (an AUTH PLAIN continuation is nothing but base64). */
  readonly text: string;
  readonly stream: number;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** RFC 4616: base64 of "authzid NUL authcid NUL passwd"; null when it is not that. */
export function decodeSaslPlain(b64: string): { username: string; password: string } | null {
  if (b64.length === 0 || !BASE64.test(b64)) return null;
  const parts = Buffer.from(b64, 'base64').toString('utf8').split('\0');
  if (parts.length !== 3) return null;
  return { username: parts[1] || parts[0]!, password: parts[2]! };
}

/**
 * Reports cleartext logins of one connection on the credentials tap:
 * PASS (against the connection's USER, as Wireshark does), APOP, and AUTH
 * PLAIN with or without an initial response. The record's `accepted`
 * is filled in by the server's next +OK / -ERR.
 */
export class PopCredentialTracker {
  private awaiting: CredentialRecord | null = null;
  /** AUTH PLAIN was sent without an initial response: the next client line carries it. */
  private plainPending = false;

  onRequest(pinfo: PacketInfo, line: PopClientLine, username: string | null): void {
    if (this.plainPending) {
      this.plainPending = false;
      const plain = decodeSaslPlain(line.text);
      if (plain) this.report(pinfo, line.stream, 'AUTH PLAIN', plain.username, plain.password);
      return;
    }
    if (line.argType === PopArgType.PASSWORD) {
      if (line.parameter !== '') this.report(pinfo, line.stream, 'USER/PASS', username ?? '', line.parameter);
      return;
    }
    if (line.command === 'APOP') {
      const sp = line.parameter.indexOf(' ');
      if (sp > 0) this.report(pinfo, line.stream, 'APOP', line.parameter.slice(0, sp), line.parameter.slice(sp + 1).trim());
    } else if (line.command === 'AUTH') {
      const m = /^(\S+) *(\S*)/.exec(line.parameter);
      if (!m || m[1]!.toUpperCase() !== 'PLAIN') return;
      const initial = m[2]!;
      if (initial === '') this.plainPending = true;
      else {
        const plain = decodeSaslPlain(initial);
        if (plain) this.report(pinfo, line.stream, 'AUTH PLAIN', plain.username, plain.password);
      }
    }
  }

  /** A +OK or -ERR from the server answers the credential sent last. */
  onStatus(ok: boolean): void {
    this.plainPending = false;
    if (this.awaiting) this.awaiting.accepted = ok;
    this.awaiting = null;
  }

  private report(pinfo: PacketInfo, stream: number, method: string, username: string, password: string): void {
    const record: CredentialRecord = {
      frame: pinfo.num,
      protocol: 'POP3',
      method,
      client: pinfo.src.toString(),
      server: pinfo.dst.toString(),
      username,
      password,
      stream,
      accepted: null,
    };
    this.awaiting = record;
    pinfo.tap(CREDENTIALS_TAP, record);
  }
}
