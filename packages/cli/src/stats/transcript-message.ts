import { extractAttachments } from '@netdissect/smtp';
import { asLatin1, byteSize, showField } from './transcript-text.js';

/** Messages longer than this are counted but not kept for their summary. */
export const MAX_KEPT_MESSAGE = 16 * 1024 * 1024;

/** The unfolded value of the first `name` header of a message, or null. */
function headerValue(message: Uint8Array, name: string): string | null {
  const end = Buffer.from(message).indexOf('\r\n\r\n');
  const head = asLatin1(message.subarray(0, end < 0 ? Math.min(message.length, 64 * 1024) : end)).replace(/\r?\n[ \t]+/g, ' ');
  const wanted = name.toLowerCase();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted) return line.slice(colon + 1).trim();
  }
  return null;
}

/**
 * A mail message (SMTP DATA/BDAT, POP3 RETR, an IMAP literal) as
 * transcript lines: "[message: 3.2 KiB, Subject: ...]", then one line per
 * attachment "[24 KiB attachment report.pdf, application/pdf]".
 * `size` is the full size when only part of it was kept.
 */
export function summarizeMessage(kept: Uint8Array, size: number): string[] {
  const subject = headerValue(kept, 'subject');
  const lines = [`[message: ${byteSize(size)}${subject !== null ? `, Subject: ${showField(subject)}` : ''}]`];
  if (kept.length < size) return lines;
  for (const a of extractAttachments(kept)) {
    lines.push(`[${byteSize(a.content.length)} attachment${a.filename !== null ? ` ${showField(a.filename)}` : ''}, ${showField(a.contentType)}]`);
  }
  return lines;
}

/** Whether a block of bytes starts like an RFC 5322 message (a header line, then more). */
export function looksLikeMessage(bytes: Uint8Array): boolean {
  const head = asLatin1(bytes.subarray(0, Math.min(bytes.length, 200)));
  return /^[!-9;-~]+:[^\r\n]*\r?\n/.test(head);
}

/** Collects a message's bytes up to MAX_KEPT_MESSAGE while counting all of them. */
export class MessageBuffer {
  private readonly chunks: Uint8Array[] = [];
  private kept = 0;
  size = 0;

  add(bytes: Uint8Array): void {
    this.size += bytes.length;
    if (this.kept + bytes.length > MAX_KEPT_MESSAGE) return;
    this.chunks.push(bytes);
    this.kept += bytes.length;
  }

  /** The kept bytes (all of them unless the message outgrew MAX_KEPT_MESSAGE). */
  bytes(): Uint8Array {
    return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
  }

  summary(): string[] {
    return summarizeMessage(this.bytes(), this.size);
  }
}
