import { Dialogue, type Speaker } from './transcript-dialogue.js';
import { looksLikeMessage, MessageBuffer, summarizeMessage } from './transcript-message.js';
import { asLatin1, byteSize, firstWord, showLine } from './transcript-text.js';

const CRLF = new Uint8Array([0x0d, 0x0a]);

/** A dot-stuffed line of a mail body: "." ends it, ".." stands for ".". */
function unstuff(line: Uint8Array): Uint8Array {
  return line.length > 1 && line[0] === 0x2e && line[1] === 0x2e ? line.subarray(1) : line;
}

function isDot(line: Uint8Array): boolean {
  return line.length === 1 && line[0] === 0x2e;
}

/** "250 OK" -> 250 for a final reply line, null for "250-..." continuations and anything else. */
function finalReplyCode(line: Uint8Array): number | null {
  const m = /^(\d{3})(?: |$)/.exec(asLatin1(line.subarray(0, 4)));
  return m ? Number(m[1]) : null;
}

/**
 * SMTP: commands and replies line by line; DATA (after 354) and BDAT
 * chunks summarised as the message they carry; AUTH exchanges as sent;
 * after STARTTLS and its 220, the TLS records counted.
 */
export class SmtpDialogue extends Dialogue {
  /** Commands still waiting for their final reply (PIPELINING sends several). */
  private readonly pending: string[] = [];
  /** The server asked for an AUTH response (334): the next client line is not a command. */
  private authResponse = false;
  /** Between DATA's 354 and the "." line. */
  private dataMode = false;
  /** The message being sent (by DATA, or by BDAT chunks until LAST). */
  private message: MessageBuffer | null = null;
  private messageFrame = 0;
  private bdatLeft = 0;
  private bdatLast = false;

  protected step(side: Speaker): boolean {
    if (this.encrypted) return this.opaque(side, 'TLS');
    return side === 'C' ? this.client() : this.server();
  }

  private client(): boolean {
    const c = this.cursors.C;
    if (this.bdatLeft > 0) {
      if (!c.available) return false;
      const chunk = c.take(this.bdatLeft);
      this.bdatLeft -= chunk.length;
      this.message!.add(chunk);
      if (this.bdatLeft === 0 && this.bdatLast) this.endMessage();
      return true;
    }
    const frame = c.frame;
    const line = this.readLine('C');
    if (line === null) return false;
    if (this.dataMode) {
      if (isDot(line)) {
        this.endMessage();
        this.say('C', '.', frame);
      } else {
        this.message!.add(unstuff(line));
        this.message!.add(CRLF);
      }
      return true;
    }
    this.say('C', showLine(line), frame);
    if (this.authResponse) {
      this.authResponse = false;
      return true;
    }
    const cmd = firstWord(line);
    this.pending.push(cmd);
    if (cmd === 'BDAT') {
      const m = /^\S+\s+(\d+)(\s+LAST)?/i.exec(asLatin1(line));
      if (!this.message) {
        this.message = new MessageBuffer();
        this.messageFrame = c.frame;
      }
      this.bdatLeft = m ? Number(m[1]) : 0;
      this.bdatLast = !!m?.[2];
      if (this.bdatLeft === 0 && this.bdatLast) this.endMessage();
    }
    return true;
  }

  private server(): boolean {
    const frame = this.cursors.S.frame;
    const line = this.readLine('S');
    if (line === null) return false;
    this.say('S', showLine(line), frame);
    const code = finalReplyCode(line);
    if (code === null) return true;
    if (code === 334) {
      this.authResponse = true;
      return true;
    }
    const cmd = this.pending.shift();
    if (cmd === 'DATA' && code === 354) {
      this.dataMode = true;
      this.message = new MessageBuffer();
      this.messageFrame = this.cursors.C.frame;
    } else if (cmd === 'STARTTLS' && code === 220) {
      this.encrypted = true;
    }
    return true;
  }

  private endMessage(): void {
    for (const l of this.message!.summary()) this.say('C', l, this.messageFrame);
    this.message = null;
    this.dataMode = false;
    this.bdatLast = false;
  }

  protected override resync(side: Speaker): void {
    super.resync(side);
    if (side === 'C') {
      this.bdatLeft = 0;
      if (this.message) this.endMessage();
    }
  }

  override finish(): void {
    if (this.message) {
      const rest = this.cursors.C;
      this.message.add(rest.take(rest.available));
      this.endMessage();
    }
    super.finish();
  }
}

const POP_MULTILINE = new Set(['CAPA', 'RETR', 'TOP', 'LIST', 'UIDL']);
/** Lines of a multi-line listing shown before the rest is counted. */
const MAX_LISTING = 20;

/**
 * POP3: commands and status lines; multi-line answers shown (listings cut
 * after 20 lines), retrieved messages (RETR, TOP) summarised; AUTH
 * continuations as sent; after STLS, TLS counted.
 */
export class Pop3Dialogue extends Dialogue {
  private readonly pending: Array<{ cmd: string; hasArg: boolean }> = [];
  private authResponse = false;
  private listing: { message: MessageBuffer | null; frame: number; shown: number; hidden: number } | null = null;

  protected step(side: Speaker): boolean {
    if (this.encrypted) return this.opaque(side, 'TLS');
    const frame = this.cursors[side].frame;
    const line = this.readLine(side);
    if (line === null) return false;
    if (side === 'C') {
      this.say('C', showLine(line), frame);
      if (this.authResponse) this.authResponse = false;
      else this.pending.push({ cmd: firstWord(line), hasArg: /^\S+\s+\S/.test(asLatin1(line)) });
      return true;
    }
    if (this.listing) {
      this.listingLine(line, frame);
      return true;
    }
    this.say('S', showLine(line), frame);
    const text = asLatin1(line.subarray(0, 4));
    if (text.startsWith('+ ') || text === '+') {
      this.authResponse = true;
    } else if (text.startsWith('+OK') || text.startsWith('-ERR')) {
      const req = this.pending.shift();
      if (req && text.startsWith('+OK')) {
        if (req.cmd === 'STLS') this.encrypted = true;
        else if (POP_MULTILINE.has(req.cmd) && !((req.cmd === 'LIST' || req.cmd === 'UIDL') && req.hasArg)) {
          const message = req.cmd === 'RETR' || req.cmd === 'TOP' ? new MessageBuffer() : null;
          this.listing = { message, frame: this.cursors.S.frame, shown: 0, hidden: 0 };
        }
      }
    }
    return true;
  }

  private listingLine(line: Uint8Array, frame: number): void {
    const l = this.listing!;
    if (!isDot(line)) {
      if (l.message) {
        l.message.add(unstuff(line));
        l.message.add(CRLF);
      } else if (l.shown < MAX_LISTING) {
        l.shown++;
        this.say('S', showLine(unstuff(line)), frame);
      } else {
        l.hidden++;
      }
      return;
    }
    this.endListing();
    this.say('S', '.', frame);
  }

  private endListing(): void {
    const l = this.listing!;
    if (l.message) for (const s of l.message.summary()) this.say('S', s, l.frame);
    if (l.hidden) this.say('S', `[${l.hidden} more lines]`, l.frame);
    this.listing = null;
  }

  protected override resync(side: Speaker): void {
    super.resync(side);
    if (side === 'S' && this.listing) this.endListing();
  }

  override finish(): void {
    if (this.listing) this.endListing();
    super.finish();
  }
}

/**
 * FTP control connection: commands and replies line by line (multi-line
 * replies as sent); after AUTH TLS/SSL and its 234, TLS counted.
 */
export class FtpDialogue extends Dialogue {
  private awaitingTls = false;

  protected step(side: Speaker): boolean {
    if (this.encrypted) return this.opaque(side, 'TLS');
    const frame = this.cursors[side].frame;
    const line = this.readLine(side);
    if (line === null) return false;
    this.say(side, showLine(line), frame);
    if (side === 'C') {
      this.awaitingTls = firstWord(line) === 'AUTH';
      return true;
    }
    const code = finalReplyCode(line);
    if (code !== null && code >= 200 && this.awaitingTls) {
      this.encrypted = code === 234;
      this.awaitingTls = false;
    }
    return true;
  }
}

/** Literals up to this size that are one line of text are shown inline. */
const MAX_INLINE_LITERAL = 200;

/**
 * IMAP: tagged commands, untagged and tagged responses, continuation
 * requests; literals ({n}) read by count and shown inline when short,
 * summarised otherwise (messages with their Subject and attachments);
 * after STARTTLS and its OK, TLS counted.
 */
export class ImapDialogue extends Dialogue {
  /** A line interrupted by a literal: the text so far and the literal's size. */
  private readonly partial: Record<Speaker, { text: string; frame: number; literal: number; buffer: MessageBuffer } | null> = { C: null, S: null };
  private starttlsTag: string | null = null;

  protected step(side: Speaker): boolean {
    if (this.encrypted) return this.opaque(side, 'TLS');
    const c = this.cursors[side];
    const p = this.partial[side];
    if (p && p.literal > 0) {
      if (!c.available) return false;
      const chunk = c.take(p.literal);
      p.literal -= chunk.length;
      p.buffer.add(chunk);
      if (p.literal === 0) p.text += this.literalText(p.buffer);
      return true;
    }
    const frame = c.frame;
    const line = this.readLine(side);
    if (line === null) return false;
    const shown = showLine(line);
    const text = p ? p.text + shown : shown;
    const literal = /\{(\d+)\+?\}$/.exec(asLatin1(line.subarray(Math.max(0, line.length - 24))));
    if (literal) {
      this.partial[side] = { text, frame: p?.frame ?? frame, literal: Number(literal[1]), buffer: new MessageBuffer() };
      if (this.partial[side]!.literal === 0) this.partial[side]!.text += ' ';
      return true;
    }
    this.partial[side] = null;
    this.say(side, text, p?.frame ?? frame);
    this.watchStartTls(side, asLatin1(line));
    return true;
  }

  private literalText(b: MessageBuffer): string {
    const bytes = summarizeable(b);
    if (b.size <= MAX_INLINE_LITERAL && bytes && !bytes.includes(0x0a)) return ` ${showLine(bytes)}`;
    if (bytes && looksLikeMessage(bytes)) return ` ${summarizeMessage(bytes, b.size).join(' ')}`;
    return ` [${byteSize(b.size)}]`;
  }

  private watchStartTls(side: Speaker, line: string): void {
    const m = /^(\S+)\s+(\S+)/.exec(line);
    if (!m) return;
    if (side === 'C') this.starttlsTag = m[2]!.toUpperCase() === 'STARTTLS' ? m[1]! : null;
    else if (this.starttlsTag !== null && m[1] === this.starttlsTag) {
      this.encrypted = m[2]!.toUpperCase() === 'OK';
      this.starttlsTag = null;
    }
  }

  protected override resync(side: Speaker): void {
    super.resync(side);
    this.partial[side] = null;
  }

  override finish(): void {
    for (const side of ['C', 'S'] as const) {
      const p = this.partial[side];
      if (p) this.say(side, p.literal > 0 ? `${p.text} [${byteSize(p.buffer.size)} of the literal, cut short]` : p.text, p.frame);
      this.partial[side] = null;
    }
    super.finish();
  }
}

/** The whole literal when it was kept, else null. */
function summarizeable(b: MessageBuffer): Uint8Array | null {
  const bytes = b.bytes();
  return bytes.length === b.size ? bytes : null;
}
