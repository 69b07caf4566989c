import type { FollowRecord } from '@netdissect/core';
import { Dialogue, type Speaker, type TranscriptLine } from './transcript-dialogue.js';
import { HttpDialogue } from './transcript-http.js';
import { FtpDialogue, ImapDialogue, Pop3Dialogue, SmtpDialogue } from './transcript-mail.js';
import { asLatin1, looksBinary, showLine } from './transcript-text.js';

export type { Speaker, TranscriptLine } from './transcript-dialogue.js';

/** The protocols a transcript knows how to read; "text" shows any conversation line by line. */
export type TranscriptProtocol = 'smtp' | 'pop3' | 'imap' | 'ftp' | 'http' | 'text';

export interface TranscriptOptions {
  /** The protocol to read the conversation as; found from the ports and the first bytes when absent. */
  readonly protocol?: TranscriptProtocol | null;
  /** The server's TCP port (the second endpoint of the stream). */
  readonly serverPort?: number;
}

const PORTS: ReadonlyMap<number, TranscriptProtocol> = new Map([
  [25, 'smtp'], [587, 'smtp'], [2525, 'smtp'],
  [110, 'pop3'], [143, 'imap'], [21, 'ftp'],
  [80, 'http'], [8080, 'http'], [8000, 'http'], [3128, 'http'], [8008, 'http'], [8888, 'http'],
]);

/** Lines of any text conversation; binary runs counted. */
class TextDialogue extends Dialogue {
  protected step(side: Speaker): boolean {
    const c = this.cursors[side];
    if (c.available && looksBinary(c.peek().subarray(0, 512))) return this.opaque(side, 'binary data');
    const frame = c.frame;
    const line = this.readLine(side);
    if (line === null) return false;
    this.say(side, showLine(line), frame);
    return true;
  }
}

/** Guess from the first bytes each side sent (a server greeting, an HTTP request line). */
function sniff(records: readonly FollowRecord[]): TranscriptProtocol {
  const first = (server: boolean): string => {
    const r = records.find((x) => x.isServer === server && !x.gap && x.data.length);
    return r ? asLatin1(r.data.subarray(0, 64)) : '';
  };
  const client = first(false);
  const server = first(true);
  if (/^[A-Z]+ \S+ HTTP\/\d/.test(client) || /^HTTP\/\d/.test(server)) return 'http';
  if (server.startsWith('+OK')) return 'pop3';
  if (server.startsWith('* OK') || server.startsWith('* PREAUTH')) return 'imap';
  if (/^220[ -].*(SMTP|mail)/i.test(server) || /^(EHLO|HELO) /i.test(client)) return 'smtp';
  if (/^220[ -]/.test(server) || /^(USER|AUTH|FEAT) /i.test(client)) return 'ftp';
  return 'text';
}

function dialogueFor(protocol: TranscriptProtocol): Dialogue {
  switch (protocol) {
    case 'smtp': return new SmtpDialogue();
    case 'pop3': return new Pop3Dialogue();
    case 'imap': return new ImapDialogue();
    case 'ftp': return new FtpDialogue();
    case 'http': return new HttpDialogue();
    case 'text': return new TextDialogue();
  }
}

/** The protocol a conversation is read as: the one asked for, else by server port, else by its first bytes. */
export function transcriptProtocol(records: readonly FollowRecord[], options: TranscriptOptions = {}): TranscriptProtocol {
  return options.protocol ?? (options.serverPort !== undefined ? PORTS.get(options.serverPort) : undefined) ?? sniff(records);
}

/**
 * A TCP conversation as the textbook shows it: one line per command,
 * reply, request or header, "C:" for the client and "S:" for the server,
 * with message bodies, mail and long literals summarised. `records` are
 * the stream's follow records (both directions, in order, gaps marked), as
 * followTcp() collects them. Every text from the packets is escaped for
 * the terminal; each line knows the frame it started in.
 */
export function transcriptLines(records: readonly FollowRecord[], options: TranscriptOptions = {}): TranscriptLine[] {
  const d = dialogueFor(transcriptProtocol(records, options));
  for (const r of records) {
    const side: Speaker = r.isServer ? 'S' : 'C';
    if (r.gap) d.gap(side, r.missing ?? 0, r.frame);
    else d.push(side, r.data, r.frame);
  }
  d.finish();
  return d.lines;
}

/** transcriptLines() as text: "C: MAIL FROM:<alice@crepes.fr>", "S: 250 Sender ok". */
export function renderTranscript(records: readonly FollowRecord[], options: TranscriptOptions = {}): string[] {
  return transcriptLines(records, options).map((l) => (l.text ? `${l.speaker}: ${l.text}` : `${l.speaker}:`));
}
