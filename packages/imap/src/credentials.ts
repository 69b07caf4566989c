import { CREDENTIALS_TAP, type CredentialRecord, type PacketInfo, type TcpInfo } from '@netdissect/core';

/** One IMAP argument (RFC 3501 astring): a quoted string with \-escapes, or an atom up to the next space. */
interface Astring {
  readonly value: string;
  /** Index just past the argument. */
  readonly end: number;
}

function readAstring(s: string, from: number): Astring | null {
  let i = from;
  while (s[i] === ' ') i++;
  if (i >= s.length) return null;
  if (s[i] === '"') {
    let value = '';
    for (let k = i + 1; k < s.length; k++) {
      const c = s[k]!;
      if (c === '\\' && k + 1 < s.length) value += s[++k];
      else if (c === '"') return { value, end: k + 1 };
      else value += c;
    }
    return null;
  }
  // A literal ({n}) sends the value on the following lines; not followed here.
  if (s[i] === '{') return null;
  const sp = s.indexOf(' ', i);
  const end = sp < 0 ? s.length : sp;
  return { value: s.slice(i, end), end };
}

/** SASL PLAIN message (RFC 4616): authzid NUL authcid NUL passwd, base64-encoded. */
function decodeSaslPlain(b64: string): { username: string; password: string } | null {
  if (!/^[A-Za-z0-9+/]+=*$/.test(b64)) return null;
  const parts = Buffer.from(b64, 'base64').toString('latin1').split('\0');
  if (parts.length !== 3) return null;
  return { username: parts[1]!, password: parts[2]! };
}

/**
 * Cleartext logins of one IMAP conversation for the credentials tap:
 * LOGIN user pass, and AUTHENTICATE PLAIN with the initial response on the
 * command line (SASL-IR) or on the client's next line. Each record is
 * reported once, on the first pass, and marked accepted or not when the
 * tagged OK / NO / BAD for its command arrives.
 */
export class CredentialTracker {
  /** Records waiting for the tagged completion, by lower-cased tag. */
  private readonly awaitingReply = new Map<string, CredentialRecord>();
  /** Tag of an AUTHENTICATE PLAIN whose response line the client has not sent yet. */
  private plainTag: string | null = null;

  /** A client line (first pass): `tag` lower-cased, `command` upper-cased, `line` its text on demand. */
  onRequest(pinfo: PacketInfo, data: unknown, line: () => string, tag: string, command: string): void {
    if (this.plainTag !== null) {
      const plainTag = this.plainTag;
      this.plainTag = null;
      const creds = decodeSaslPlain(line().trim());
      if (creds) this.report(pinfo, data, plainTag, 'AUTHENTICATE PLAIN', creds.username, creds.password);
      return;
    }
    if (command === 'LOGIN') {
      const text = line();
      const args = afterTwoTokens(text);
      const user = readAstring(text, args);
      const pass = user ? readAstring(text, user.end) : null;
      if (user && pass) this.report(pinfo, data, tag, 'LOGIN', user.value, pass.value);
    } else if (command === 'AUTHENTICATE') {
      const text = line();
      const args = text.slice(afterTwoTokens(text)).trim().split(/ +/);
      if (args[0]?.toUpperCase() !== 'PLAIN') return;
      if (args.length === 1) {
        this.plainTag = tag;
        return;
      }
      const creds = decodeSaslPlain(args[1]!);
      if (creds) this.report(pinfo, data, tag, 'AUTHENTICATE PLAIN', creds.username, creds.password);
    }
  }

  /** A tagged server line: its status settles a waiting record. */
  onResponse(tag: string, status: string): void {
    const rec = this.awaitingReply.get(tag);
    if (!rec) return;
    const s = status.toUpperCase();
    if (s !== 'OK' && s !== 'NO' && s !== 'BAD') return;
    rec.accepted = s === 'OK';
    this.awaitingReply.delete(tag);
  }

  private report(pinfo: PacketInfo, data: unknown, tag: string, method: string, username: string, password: string): void {
    const tcp = data as TcpInfo | undefined;
    const rec: CredentialRecord = {
      frame: pinfo.num,
      protocol: 'IMAP',
      method,
      client: pinfo.src.toString(),
      server: pinfo.dst.toString(),
      username,
      password,
      stream: tcp?.stream ?? -1,
      accepted: null,
    };
    this.awaitingReply.set(tag, rec);
    pinfo.tap(CREDENTIALS_TAP, rec);
  }
}

/** Index just past "tag COMMAND " in a request line. */
function afterTwoTokens(line: string): number {
  const first = line.indexOf(' ');
  if (first < 0) return line.length;
  const second = line.indexOf(' ', first + 1);
  return second < 0 ? line.length : second + 1;
}
