import { CREDENTIALS_TAP, type CredentialRecord, type DissectedFrame, type DissectionSession, type FieldNode } from '@netdissect/core';
import type { TreeNeeds } from '../output/frame-printer.js';
import { escapeForTerminal } from '../output/terminal-safety.js';
import { left } from './c-format.js';
import type { StatsOutput } from './stats-request.js';
import { fieldDefs, findItem } from './tree-items.js';

/** One row of tshark's credentials table. */
export interface CredentialRow {
  readonly record: CredentialRecord;
  /** The Protocol column as Wireshark 4.0 names it ("HTTP basic auth" for Basic). */
  readonly protocol: string;
  /** Frame that carried the user name, when it came before the password. */
  readonly usernameFrame: number | null;
  /** The Info column. */
  readonly info: string;
}

/** Where the user name of a connection was sent, by tcp.stream (USER for FTP/POP3, the AUTH LOGIN line for SMTP). */
class UsernameFrames {
  private readonly first = new Map<string, number>();
  private readonly smtpLast = new Map<number, number>();

  note(tree: FieldNode, frame: number): void {
    const stream = findItem(tree, 'tcp.stream')?.value;
    if (typeof stream !== 'number') return;
    const ftp = findItem(tree, 'ftp.request.command')?.value;
    if (ftp === 'USER' && findItem(tree, 'ftp.request.arg')) this.keepFirst(`ftp/${stream}`, frame);
    const pop = findItem(tree, 'pop.request.command')?.value;
    if (typeof pop === 'string' && pop.toUpperCase() === 'USER' && findItem(tree, 'pop.request.parameter')) this.keepFirst(`pop/${stream}`, frame);
    if (findItem(tree, 'smtp.auth.username')) this.smtpLast.set(stream, frame);
  }

  private keepFirst(k: string, frame: number): void {
    if (!this.first.has(k)) this.first.set(k, frame);
  }

  /** Wireshark names a username frame for FTP and POP3 USER/PASS and SMTP AUTH LOGIN. */
  lookup(r: CredentialRecord): number | null {
    if (r.protocol === 'FTP') return this.first.get(`ftp/${r.stream}`) ?? null;
    if (r.protocol === 'POP3' && r.method === 'USER/PASS') return this.first.get(`pop/${r.stream}`) ?? null;
    if (r.protocol === 'SMTP' && r.method === 'AUTH LOGIN') return this.smtpLast.get(r.stream) ?? null;
    return null;
  }
}

function protocolLabel(r: CredentialRecord): string {
  return r.protocol === 'HTTP' && r.method === 'Basic' ? 'HTTP basic auth' : r.protocol;
}

function infoFor(r: CredentialRecord, usernameFrame: number | null): string {
  if (usernameFrame === null) return '';
  // FTP's wording has a colon, POP3's and SMTP's do not (packet-ftp.c vs packet-pop.c).
  return r.protocol === 'FTP' ? `Username in packet: ${usernameFrame}` : `Username in packet ${usernameFrame}`;
}

/**
 * Cleartext credentials in the order reported on the credentials tap.
 * Our protocol packages report more than Wireshark 4.0 does (POP3 APOP and
 * AUTH PLAIN, IMAP AUTHENTICATE, SMTP AUTH PLAIN/CRAM-MD5...): all are listed.
 */
export class CredentialsList {
  readonly rows: CredentialRow[] = [];
  private readonly usernames = new UsernameFrames();

  /** Learn where user names were sent from a frame's tree (fields: CredentialsOutput's needs). */
  noteFrame(tree: FieldNode | null, frame: number): void {
    if (tree) this.usernames.note(tree, frame);
  }

  add(record: CredentialRecord): void {
    const usernameFrame = this.usernames.lookup(record);
    this.rows.push({ record, protocol: protocolLabel(record), usernameFrame, info: infoFor(record, usernameFrame) });
  }
}

/** tshark's "-z credentials" table. */
export function credentialsText(rows: readonly CredentialRow[]): string {
  let out = '===================================================================\n';
  out += `${left('Packet', 10)} ${left('Protocol', 16)} ${left('Username', 16)} ${left('Info', 16)}\n`;
  out += '------     --------         --------         --------\n';
  for (const r of rows) {
    out += `${left(r.record.frame, 10)} ${left(r.protocol, 16)} ${left(escapeForTerminal(r.record.username, false), 16)} ${left(r.info, 16)}\n`;
  }
  return out + '===================================================================\n';
}

/** The credentials statistic: records from the tap, completed at the end of their frame. */
export class CredentialsOutput implements StatsOutput {
  readonly needs: TreeNeeds = {
    kind: 'fields',
    defs: fieldDefs(['tcp.stream', 'ftp.request.command', 'ftp.request.arg', 'pop.request.command', 'pop.request.parameter', 'smtp.auth.username']),
    labels: false,
  };
  readonly list = new CredentialsList();
  private pending: CredentialRecord[] = [];

  constructor(session: DissectionSession) {
    session.addTap(CREDENTIALS_TAP, (_pinfo, data) => this.pending.push(data as CredentialRecord));
  }

  frame(f: DissectedFrame): void {
    this.list.noteFrame(f.tree, f.pinfo.num);
    for (const r of this.pending.splice(0)) this.list.add(r);
  }

  render(): string {
    return credentialsText(this.list.rows);
  }
}
