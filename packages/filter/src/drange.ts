import { fail, type SourceSpan } from './filter-syntax-error.js';

/**
 * One element of a slice or layer list ([i:j], [i-j], [i], [:j], [i:]),
 * as drange.c models it: a start offset (negative counts from the end)
 * and an end given as a length, an inclusive end offset, or "to the end".
 */
export type RangeNode =
  | { readonly start: number; readonly ending: 'length'; readonly length: number }
  | { readonly start: number; readonly ending: 'offset'; readonly end: number }
  | { readonly start: number; readonly ending: 'toEnd' };

export type Drange = readonly RangeNode[];

/** strtol(s, &end, 0) on the text at `i`: the value and where parsing stopped (i if nothing parsed). */
function strtol(s: string, i: number): { value: number; next: number } {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9A-Fa-f]+|0[0-7]*|[1-9][0-9]*)/.exec(s.slice(i));
  if (!m) return { value: 0, next: i };
  const body = m[2]!;
  let v = body.length > 1 && (body[1] === 'x' || body[1] === 'X') ? parseInt(body.slice(2), 16) : body[0] === '0' ? parseInt(body, 8) : parseInt(body, 10);
  if (m[1] === '-') v = -v;
  return { value: v, next: i + m[0].length };
}

function readInt32(s: string, i: number, whole: string, at: SourceSpan): { value: number; next: number } {
  const r = strtol(s, i);
  if (r.next === i) fail(`"${whole.slice(i)}" is not a valid number.`, at);
  if (r.value > 0x7fffffff || r.value < -0x80000000) fail(`"${whole.slice(i)}" causes an integer overflow.`, at);
  return r;
}

/** drange_node_from_str(): parse one range element, with Wireshark's messages. */
export function parseRangeNode(text: string, at: SourceSpan): RangeNode {
  let p = 0;
  let lower = 0;
  if (text[0] !== ':') {
    const r = readInt32(text, 0, text, at);
    lower = r.value;
    p = r.next;
  }
  const skipSpace = (): void => {
    while (p < text.length && /\s/.test(text[p]!)) p++;
  };
  skipSpace();
  let node: RangeNode | null = null;
  let upper = 0;
  if (text[p] === '-') {
    const r = readInt32(text, p + 1, text, at);
    upper = r.value;
    p = r.next;
    node = { start: lower, ending: 'offset', end: upper };
  } else if (text[p] === ':') {
    p++;
    if (p >= text.length) {
      node = { start: lower, ending: 'toEnd' };
    } else {
      const r = readInt32(text, p, text, at);
      upper = r.value;
      p = r.next;
      node = { start: lower, ending: 'length', length: upper };
    }
  } else if (p >= text.length) {
    upper = 1;
    node = { start: lower, ending: 'length', length: 1 };
  }
  skipSpace();
  if (node === null || p < text.length) fail(`"${text}" is not a valid range.`, at);
  if (node.ending === 'length' && upper <= 0) fail(`Range ${text} isn't valid because length ${upper} isn't positive`, at);
  if (node.ending === 'offset') {
    if ((lower < 0 && upper > 0) || (lower > 0 && upper < 0)) fail(`Range ${text} isn't valid because ${lower} and ${upper} have different signs`, at);
    if (upper <= lower) fail(`Range ${text} isn't valid because ${lower} is greater or equal than ${upper}`, at);
  }
  return node;
}

/** drange_tostr(): the list as it would be written back. */
export function drangeText(d: Drange): string {
  return d
    .map((n) => {
      switch (n.ending) {
        case 'length': return `${n.start}:${n.length}`;
        case 'offset': return `${n.start}-${n.end}`;
        case 'toEnd': return `${n.start}:`;
      }
    })
    .join(',');
}

/**
 * The bytes a slice takes from a value of `bytes.length` bytes
 * (fvalue_slice): elements are concatenated; the first element that does
 * not fit stops the slice, keeping what came before it.
 */
export function sliceBytes(bytes: Uint8Array, d: Drange): Uint8Array {
  const fieldLength = bytes.length;
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const n of d) {
    let start = n.start;
    if (start < 0) {
      start += fieldLength;
      if (start < 0) break;
    }
    let length: number;
    if (n.ending === 'toEnd') {
      length = fieldLength - start;
      if (length <= 0) break;
    } else if (n.ending === 'length') {
      length = n.length;
      if (start + length > fieldLength) break;
    } else {
      let end = n.end;
      if (end < 0) {
        end += fieldLength;
        if (end < start) break;
      } else if (end >= fieldLength) {
        break;
      }
      length = end - start + 1;
    }
    parts.push(bytes.subarray(start, start + length));
    total += length;
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let o = 0;
  for (const part of parts) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}

/** drange_contains_layer(): is layer `num` (1-based) of `count` layers selected? */
export function rangeContainsLayer(d: Drange, num: number, count: number): boolean {
  for (const n of d) {
    let lower = n.start;
    if (lower < 0) lower += count + 1;
    const upper = n.ending === 'length' ? lower + n.length - 1 : n.ending === 'offset' ? n.end : Infinity;
    if (num >= lower && num <= upper) return true;
  }
  return false;
}
