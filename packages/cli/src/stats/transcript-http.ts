import { Dialogue, type Speaker } from './transcript-dialogue.js';
import { asLatin1, byteSize, showField, showLine } from './transcript-text.js';

/** How a message body is delimited (RFC 9112 section 6). */
type Framing = { kind: 'length'; left: number } | { kind: 'chunked'; left: number; trailer: boolean } | { kind: 'close' };

interface Body {
  framing: Framing;
  size: number;
  type: string;
  encoding: string | null;
  frame: number;
}

interface SideState {
  /** Reading headers: the content type, length and coding seen so far. */
  headers: { type: string | null; length: number | null; chunked: boolean; encoding: string | null; status: number | null } | null;
  body: Body | null;
}

/**
 * HTTP/1.x: request and status lines and headers as sent; bodies (by
 * Content-Length, chunked, or until the connection closes) summarised as
 * "[24 KiB text/html body]". Responses to HEAD and 1xx/204/304 have none;
 * after 101 Switching Protocols the rest is counted as upgraded data.
 */
export class HttpDialogue extends Dialogue {
  private readonly state: Record<Speaker, SideState> = { C: { headers: null, body: null }, S: { headers: null, body: null } };
  /** Methods of the requests not yet answered, oldest first. */
  private readonly methods: string[] = [];

  protected step(side: Speaker): boolean {
    if (this.encrypted) return this.opaque(side, 'upgraded connection data');
    const st = this.state[side];
    if (st.body) return this.readBody(side, st);
    const frame = this.cursors[side].frame;
    const line = this.readLine(side);
    if (line === null) return false;
    const text = asLatin1(line);
    if (st.headers === null) {
      if (line.length === 0) return true;
      this.say(side, showLine(line), frame);
      const status = side === 'S' ? /^HTTP\/\d\.\d\s+(\d{3})/.exec(text) : null;
      if (side === 'C') this.methods.push(text.split(' ')[0]!.toUpperCase());
      st.headers = { type: null, length: null, chunked: false, encoding: null, status: status ? Number(status[1]) : null };
      return true;
    }
    if (line.length > 0) {
      this.say(side, showLine(line), frame);
      const colon = text.indexOf(':');
      if (colon > 0) this.header(st.headers, text.slice(0, colon).trim().toLowerCase(), text.slice(colon + 1).trim());
      return true;
    }
    this.endHeaders(side, st, frame);
    return true;
  }

  private header(h: NonNullable<SideState['headers']>, name: string, value: string): void {
    if (name === 'content-type') h.type = value.split(';')[0]!.trim().toLowerCase();
    else if (name === 'content-length' && /^\d+$/.test(value)) h.length = Number(value);
    else if (name === 'transfer-encoding') h.chunked = /(^|,)\s*chunked\s*$/i.test(value);
    else if (name === 'content-encoding') h.encoding = value.toLowerCase();
  }

  /** The blank line: decide whether and how a body follows. */
  private endHeaders(side: Speaker, st: SideState, frame: number): void {
    const h = st.headers!;
    st.headers = null;
    let framing: Framing | null;
    if (side === 'S') {
      const status = h.status ?? 200;
      const method = status >= 200 ? this.methods.shift() : undefined;
      if (status === 101) {
        this.encrypted = true;
        return;
      }
      if (status < 200 || status === 204 || status === 304 || method === 'HEAD') framing = null;
      else framing = h.chunked ? { kind: 'chunked', left: -1, trailer: false } : h.length !== null ? { kind: 'length', left: h.length } : { kind: 'close' };
    } else {
      framing = h.chunked ? { kind: 'chunked', left: -1, trailer: false } : h.length ? { kind: 'length', left: h.length } : null;
    }
    if (framing && !(framing.kind === 'length' && framing.left === 0)) {
      st.body = { framing, size: 0, type: h.type ?? 'untyped', encoding: h.encoding, frame: this.cursors[side].frame || frame };
    }
  }

  private readBody(side: Speaker, st: SideState): boolean {
    const c = this.cursors[side];
    const body = st.body!;
    const f = body.framing;
    if (f.kind === 'close' || f.kind === 'length') {
      if (!c.available) return false;
      const n = c.skip(f.kind === 'length' ? f.left : c.available);
      body.size += n;
      if (f.kind === 'length') {
        f.left -= n;
        if (f.left === 0) this.endBody(side, st);
      }
      return true;
    }
    if (f.left > 0) {
      if (!c.available) return false;
      const n = c.skip(f.left);
      body.size += n;
      f.left -= n;
      return true;
    }
    const line = this.readLine(side);
    if (line === null) return false;
    if (f.trailer) {
      if (line.length === 0) this.endBody(side, st);
      return true;
    }
    if (f.left === 0) {
      // The CRLF after a chunk's data.
      f.left = -1;
      return true;
    }
    const size = parseInt(asLatin1(line).split(';')[0]!.trim(), 16);
    if (Number.isNaN(size)) {
      this.endBody(side, st);
      this.say(side, showLine(line));
    } else if (size === 0) {
      f.trailer = true;
    } else {
      f.left = size;
    }
    return true;
  }

  private endBody(side: Speaker, st: SideState): void {
    const b = st.body!;
    st.body = null;
    const details = [b.framing.kind === 'chunked' ? 'chunked' : null, b.encoding].filter((d) => d !== null).map((d) => `, ${showField(d)}`).join('');
    this.say(side, `[${byteSize(b.size)} ${showField(b.type)} body${details}]`, b.frame);
  }

  /** A gap inside a body of known length is part of the body; anywhere else the next message is looked for. */
  override gap(side: Speaker, missing: number, frame: number): void {
    const st = this.state[side];
    const f = st.body?.framing;
    if (st.body && f && f.kind !== 'chunked' && (f.kind === 'close' || missing < f.left)) {
      st.body.size += missing;
      if (f.kind === 'length') f.left -= missing;
      this.say(side, `[${byteSize(missing)} missing from the capture]`, frame);
      return;
    }
    super.gap(side, missing, frame);
  }

  protected override resync(side: Speaker): void {
    super.resync(side);
    const st = this.state[side];
    if (st.body) this.endBody(side, st);
    st.headers = null;
  }

  override finish(): void {
    for (const side of ['C', 'S'] as const) {
      const st = this.state[side];
      if (st.body) {
        st.body.size += this.cursors[side].skip(this.cursors[side].available);
        this.endBody(side, st);
      }
    }
    super.finish();
  }
}
