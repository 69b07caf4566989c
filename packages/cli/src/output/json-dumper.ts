const CONTROL_ESCAPES: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };

/** A JSON string as Wireshark's dumper writes it: control characters escaped, "</" as "<\/", the rest verbatim. */
export function jsonString(s: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | null = null;
    if (c < 0x20) rep = CONTROL_ESCAPES[c] ?? `\\u${c.toString(16).padStart(4, '0')}`;
    else if (c === 0x22) rep = '\\"';
    else if (c === 0x5c) rep = '\\\\';
    else if (c === 0x2f && i > 0 && s.charCodeAt(i - 1) === 0x3c) rep = '\\/';
    if (rep !== null) {
      out += s.slice(from, i) + rep;
      from = i + 1;
    }
  }
  return out + s.slice(from) + '"';
}

/**
 * A streaming pretty-printer with tshark's layout (two-space indent, a
 * member name followed by ": ", empty containers as {} and []). Duplicate
 * member names are allowed, as tshark emits them.
 */
export class JsonDumper {
  private readonly parts: string[] = [];
  /** Per open container: whether it has an element yet. */
  private readonly nonEmpty: boolean[] = [];
  private named = false;

  constructor(private readonly sink: (s: string) => void) {}

  private prepare(): void {
    if (this.named) {
      this.named = false;
      return;
    }
    const depth = this.nonEmpty.length;
    if (depth === 0) return;
    if (this.nonEmpty[depth - 1]) this.parts.push(',');
    this.nonEmpty[depth - 1] = true;
    this.parts.push('\n' + '  '.repeat(depth));
  }

  private close(ch: string): void {
    const had = this.nonEmpty.pop();
    if (had) this.parts.push('\n' + '  '.repeat(this.nonEmpty.length));
    this.parts.push(ch);
  }

  beginObject(): void {
    this.prepare();
    this.parts.push('{');
    this.nonEmpty.push(false);
  }

  endObject(): void {
    this.close('}');
  }

  beginArray(): void {
    this.prepare();
    this.parts.push('[');
    this.nonEmpty.push(false);
  }

  endArray(): void {
    this.close(']');
  }

  name(n: string): void {
    this.prepare();
    this.parts.push(jsonString(n), ': ');
    this.named = true;
  }

  string(v: string | null): void {
    this.prepare();
    this.parts.push(v === null ? 'null' : jsonString(v));
  }

  /** A member whose value is a string. */
  member(n: string, v: string | null): void {
    this.name(n);
    this.string(v);
  }

  /** Hand what was written so far to the sink. */
  flush(): void {
    if (this.parts.length === 0) return;
    this.sink(this.parts.join(''));
    this.parts.length = 0;
  }
}
