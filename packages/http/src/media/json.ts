import {
  defineFields, defineProtocol, FT, makeDissector, mediaDataName, rawByteString, registerMediaType, textLinesDissector, type FieldNode, type MediaInfo, type Tvb,
} from '@netdissect/core';

export const hfJson = defineProtocol('json', 'JavaScript Object Notation');
export const jsonFields = defineFields('json', {
  array: { abbrev: 'json.array', name: 'Array', type: FT.NONE },
  object: { abbrev: 'json.object', name: 'Object', type: FT.NONE },
  member: { abbrev: 'json.member', name: 'Member', type: FT.STRING },
  key: { abbrev: 'json.key', name: 'Key', type: FT.STRING },
  path: { abbrev: 'json.path', name: 'Path', type: FT.STRING },
  pathWithValue: { abbrev: 'json.path_with_value', name: 'Path with value', type: FT.STRING },
  memberWithValue: { abbrev: 'json.member_with_value', name: 'Member with value', type: FT.STRING },
  valueString: { abbrev: 'json.value.string', name: 'String value', type: FT.STRING },
  valueNumber: { abbrev: 'json.value.number', name: 'Number value', type: FT.STRING },
  valueFalse: { abbrev: 'json.value.false', name: 'False value', type: FT.NONE },
  valueNull: { abbrev: 'json.value.null', name: 'Null value', type: FT.NONE },
  valueTrue: { abbrev: 'json.value.true', name: 'True value', type: FT.NONE },
  valueNan: { abbrev: 'json.value.nan', name: 'NaN value', type: FT.NONE },
});

type Scalar = 'string' | 'number' | 'false' | 'null' | 'true' | 'nan';
type JsonNode =
  | { kind: 'object'; start: number; end: number; members: Member[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: Scalar; start: number; end: number };
interface Member {
  start: number;
  end: number;
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}

/** Nesting deeper than this is not parsed (hostile input must not exhaust the stack). */
const MAX_DEPTH = 256;

/** A JSON text parser over bytes, keeping positions; null where the grammar fails (as tvbparse does). */
class JsonParser {
  pos: number;
  constructor(private readonly b: Uint8Array, start: number, private readonly end: number) {
    this.pos = start;
  }

  skipBlanks(): void {
    const b = this.b;
    while (this.pos < this.end && (b[this.pos] === 0x20 || b[this.pos] === 0x09 || b[this.pos] === 0x0d || b[this.pos] === 0x0a)) this.pos++;
  }

  private lit(s: string): boolean {
    if (this.end - this.pos < s.length) return false;
    for (let i = 0; i < s.length; i++) if (this.b[this.pos + i] !== s.charCodeAt(i)) return false;
    this.pos += s.length;
    return true;
  }

  private char(c: number): boolean {
    this.skipBlanks();
    if (this.pos < this.end && this.b[this.pos] === c) {
      this.pos++;
      return true;
    }
    return false;
  }

  text(): JsonNode | null {
    this.skipBlanks();
    const c = this.b[this.pos];
    if (c === 0x7b) return this.object(0);
    if (c === 0x5b) return this.array(0);
    return null;
  }

  private value(depth: number): JsonNode | null {
    this.skipBlanks();
    const start = this.pos;
    const c = this.b[this.pos];
    if (c === 0x7b) return this.object(depth + 1);
    if (c === 0x5b) return this.array(depth + 1);
    if (c === 0x22) return this.string();
    if (this.lit('false')) return { kind: 'false', start, end: this.pos };
    if (this.lit('null')) return { kind: 'null', start, end: this.pos };
    if (this.lit('true')) return { kind: 'true', start, end: this.pos };
    if (this.lit('NaN')) return { kind: 'nan', start, end: this.pos };
    return this.number();
  }

  private digits(min: number): boolean {
    const s = this.pos;
    while (this.pos < this.end && this.b[this.pos]! >= 0x30 && this.b[this.pos]! <= 0x39) this.pos++;
    return this.pos - s >= min;
  }

  private number(): JsonNode | null {
    const start = this.pos;
    const b = this.b;
    if (b[this.pos] === 0x2d) this.pos++;
    if (b[this.pos] === 0x30) this.pos++;
    else if (b[this.pos]! >= 0x31 && b[this.pos]! <= 0x39) this.digits(1);
    else {
      this.pos = start;
      return null;
    }
    const save = this.pos;
    if (b[this.pos] === 0x2e) {
      this.pos++;
      if (!this.digits(1)) this.pos = save;
    }
    const save2 = this.pos;
    if (b[this.pos] === 0x65 || b[this.pos] === 0x45) {
      this.pos++;
      if (b[this.pos] === 0x2b || b[this.pos] === 0x2d) this.pos++;
      if (!this.digits(1)) this.pos = save2;
    }
    return { kind: 'number', start, end: this.pos };
  }

  string(): JsonNode | null {
    const start = this.pos;
    const b = this.b;
    this.pos++;
    while (this.pos < this.end) {
      const c = b[this.pos]!;
      if (c === 0x22) {
        this.pos++;
        return { kind: 'string', start, end: this.pos };
      }
      if (c === 0x5c) {
        const e = b[this.pos + 1];
        if (e === 0x75) {
          for (let i = 2; i < 6; i++) if (!/[0-9a-fA-F]/.test(String.fromCharCode(b[this.pos + i] ?? 0))) return null;
          this.pos += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(String.fromCharCode(e))) this.pos += 2;
        else return null;
      } else this.pos++;
    }
    return null;
  }

  private object(depth: number): JsonNode | null {
    if (depth > MAX_DEPTH) return null;
    const start = this.pos;
    this.pos++;
    const members: Member[] = [];
    this.skipBlanks();
    if (this.b[this.pos] !== 0x7d) {
      for (;;) {
        this.skipBlanks();
        const mStart = this.pos;
        if (this.b[this.pos] !== 0x22) return null;
        const key = this.string();
        if (!key || !this.char(0x3a)) return null;
        const value = this.value(depth);
        if (!value) return null;
        members.push({ start: mStart, end: this.pos, keyStart: key.start, keyEnd: key.end, value });
        if (!this.char(0x2c)) break;
      }
    }
    if (!this.char(0x7d)) return null;
    return { kind: 'object', start, end: this.pos, members };
  }

  private array(depth: number): JsonNode | null {
    if (depth > MAX_DEPTH) return null;
    const start = this.pos;
    this.pos++;
    const items: JsonNode[] = [];
    this.skipBlanks();
    if (this.b[this.pos] !== 0x5d) {
      for (;;) {
        const v = this.value(depth);
        if (!v) return null;
        items.push(v);
        if (!this.char(0x2c)) break;
      }
    }
    if (!this.char(0x5d)) return null;
    return { kind: 'array', start, end: this.pos, items };
  }
}

/** json_string_unescape: JSON escapes undone; \u escapes that are not printable characters are dropped. */
function unescape(b: Uint8Array): string {
  // The bytes as they are: -T fields prints them so, a label through format_text.
  let s = rawByteString(b);
  if (!s.includes('\\')) return s;
  s = s.replace(/\\(u([0-9a-fA-F]{4})(?:\\u([0-9a-fA-F]{4}))?|.)/g, (_m, esc: string, hex?: string, hex2?: string) => {
    if (hex === undefined) return ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[esc] ?? esc;
    const cp = parseInt(hex, 16);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const lo = hex2 !== undefined ? parseInt(hex2, 16) : -1;
      if (lo >= 0xdc00 && lo <= 0xdfff) return String.fromCodePoint(0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00));
      return '\ufffd';
    }
    const tail = hex2 !== undefined ? unescape(Buffer.from(`\\u${hex2}`)) : '';
    if (cp >= 0xdc00 && cp <= 0xdfff) return '\ufffd' + tail;
    return (/\p{C}/u.test(String.fromCodePoint(cp)) ? '' : String.fromCodePoint(cp)) + tail;
  });
  return s;
}

/** Positions are offsets in `tvb`, whose bytes are `bytes`. */
interface Emit {
  tvb: Tvb;
  bytes: Uint8Array;
}

function text(e: Emit, start: number, end: number): string {
  return unescape(e.bytes.subarray(start, end));
}

/** The callbacks of packet-json.c's grammar, in tree order: items, keys, paths and "member with value". */
function emit(e: Emit, node: JsonNode, tree: FieldNode, path: string, key: string): void {
  const { tvb } = e;
  switch (node.kind) {
    case 'object': {
      const t = tree.add(jsonFields.object, tvb, node.start, node.end - node.start, null);
      for (const m of node.members) {
        const k = text(e, m.keyStart + 1, m.keyEnd - 1);
        const mt = t.add(jsonFields.member, tvb, m.start, m.end - m.start, k);
        const memberPath = `${path}/${k}`;
        emit(e, m.value, mt, memberPath, k);
        mt.add(jsonFields.key, tvb, m.keyStart, m.keyEnd - m.keyStart, k);
        mt.addGenerated(jsonFields.path, tvb, m.start, m.end - m.start, memberPath);
      }
      return;
    }
    case 'array': {
      const t = tree.add(jsonFields.array, tvb, node.start, node.end - node.start, null);
      for (const item of node.items) emit(e, item, t, `${path}/[]`, '[]');
      return;
    }
    default: {
      const len = node.end - node.start;
      const value = node.kind === 'string' ? text(e, node.start + 1, node.end - 1) : text(e, node.start, node.end);
      tree.addGenerated(jsonFields.pathWithValue, tvb, node.start, len, `${path}:${value}`);
      tree.addGenerated(jsonFields.memberWithValue, tvb, node.start, len, `${key}:${value}`);
      const field = { string: jsonFields.valueString, number: jsonFields.valueNumber, false: jsonFields.valueFalse, null: jsonFields.valueNull, true: jsonFields.valueTrue, nan: jsonFields.valueNan }[node.kind];
      tree.add(field, tvb, node.start, len, node.kind === 'string' || node.kind === 'number' ? value : null);
    }
  }
}

/**
 * JSON bodies (packet-json.c): objects and arrays as a tree with the
 * path-based fields; Protocol gets "/JSON", Info the protocol name and
 * " (type)". What does not parse goes on as line-based text.
 */
export const jsonDissector = makeDissector('json', 'JSON', (tvb, pinfo, tree, data) => {
  const cols = pinfo.cols;
  const layers = pinfo.layers;
  if (layers.length >= 2 && layers[layers.length - 2] !== 'frame') {
    cols.setProtocol(cols.protocol ? `${cols.protocol}/JSON` : 'JSON');
    cols.appendSepInfo(', ', 'JavaScript Object Notation');
  } else {
    cols.setProtocol('JSON');
    cols.setInfo('JavaScript Object Notation');
  }
  const info = data as MediaInfo | undefined;
  const name = mediaDataName(info);
  const t = tree ? tree.addProtocol(hfJson, tvb, 0, tvb.length) : null;
  if (t && name && tree!.ctx.full) t.appendText(`: ${name}`);
  const bytes = tvb.view(0, tvb.length);
  const parser = new JsonParser(bytes, 0, bytes.length);
  const e: Emit = { tvb, bytes };
  for (;;) {
    const save = parser.pos;
    const node = parser.text();
    if (!node) {
      parser.pos = save;
      break;
    }
    if (t) emit(e, node, t, '', '');
  }
  parser.skipBlanks();
  const offset = parser.pos;
  t?.setLength(offset);
  if (tvb.reportedRemaining(offset) > 0) pinfo.call(textLinesDissector, tvb.sub(offset), tree, data);
  else if (name) cols.appendSepInfo(' ', `(${name})`);
  return tvb.length;
}, ['data-text-lines']);

for (const type of ['application/json', 'application/senml+json', 'application/sensml+json', 'application/json-rpc', 'application/jsonrequest',
  'application/dds-web+json', 'application/vnd.oma.lwm2m+json', 'application/problem+json', 'application/merge-patch+json',
  'application/json-patch+json', 'application/x-ndjson']) {
  registerMediaType(type, jsonDissector);
}
