import type { DissectorRegistry } from '@netdissect/core';
import { UsageError } from './usage-error.js';

/**
 * One -d LAYER==SELECTOR,PROTOCOL (tshark's Decode As): keys first..last of
 * the uint table LAYER go to PROTOCOL, e.g. tcp.port==2121,ftp for
 * pyftpdlib's default port or tcp.port==2525,smtp for a lab's mail server.
 */
export interface DecodeAs {
  readonly arg: string;
  readonly table: string;
  readonly first: number;
  readonly last: number;
  readonly proto: string;
}

const TEMPLATE = 'LAYER==SELECTOR,PROTOCOL, e.g. tcp.port==2121,ftp';
/** A range wider than any port space is a typo, not a request to fill four billion table entries. */
const MAX_RANGE_KEYS = 65536;

/** g_ascii_strtoull with base 0 (decimal, 0x hex, 0 octal): the number and what follows it, or null. */
function leadingNumber(s: string): { value: number; rest: string } | null {
  const m = /^\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s);
  if (!m) return null;
  const digits = m[1]!;
  const value = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits.startsWith('0') ? parseInt(digits, 8) : Number(digits);
  return { value, rest: s.slice(m[0].length) };
}

/** Parse the text of a -d option as decode_as_command_option does (ui/decode_as_utils.c). */
export function parseDecodeAs(arg: string): DecodeAs {
  const bad = (why: string): UsageError => new UsageError(`invalid -d "${arg}": ${why}`);
  const eq = arg.indexOf('=');
  if (eq < 0) throw bad(`expected ${TEMPLATE}`);
  const table = arg.slice(0, eq).trim();
  if (table === '') throw bad('no layer type given');
  // tshark warns about a single '=' and reads it as '=='.
  let rest = arg.slice(arg[eq + 1] === '=' ? eq + 2 : eq + 1);
  const comma = rest.indexOf(',');
  if (comma < 0) throw bad(`expected ${TEMPLATE}`);
  const selector = rest.slice(0, comma);
  const proto = rest.slice(comma + 1).trim();
  if (proto === '') throw bad('no protocol given');
  rest = selector.replace(/^\s+/, '');
  const start = leadingNumber(rest);
  if (!start || start.value > 0xffffffff) throw bad(`invalid selector number "${selector}"`);
  let first = start.value;
  let last = first;
  if (start.rest !== '') {
    const op = start.rest[0];
    const end = op === ':' || op === '-' ? leadingNumber(start.rest.slice(1)) : null;
    if (!end) throw bad(op === ':' || op === '-' ? `invalid selector numeric range "${selector}"` : `invalid selector number "${selector}"`);
    if (end.rest !== '' || end.value > 0xffffffff) throw bad(`invalid selector numeric range "${selector}"`);
    // "8888:3" is three keys from 8888, "8888-8890" the keys up to 8890.
    if (op === ':' && (end.value === 0 || first + end.value - 1 > 0xffffffff)) throw bad(`invalid selector numeric range "${selector}"`);
    if (op === '-' && end.value < first) throw bad(`invalid selector numeric range "${selector}"`);
    last = op === ':' ? first + end.value - 1 : end.value;
    if (last - first + 1 > MAX_RANGE_KEYS) throw bad(`a range of at most ${MAX_RANGE_KEYS} values, please ("${selector}")`);
  }
  return { arg, table, first, last, proto };
}

/**
 * Point the tables at the protocols asked for, in order (a later -d wins
 * where two overlap). Returns what undoes them all: the registry is shared
 * by every run in the process.
 */
export function applyDecodeAs(list: readonly DecodeAs[], registry: DissectorRegistry): () => void {
  const undo: Array<() => void> = [];
  const undoAll = (): void => {
    for (const u of undo.reverse()) u();
  };
  try {
    for (const d of list) {
      const tables = registry.uintTables();
      if (!tables.includes(d.table)) throw new UsageError(`invalid -d "${d.arg}": unknown layer type "${d.table}" (one of: ${tables.sort().join(', ')})`);
      const choices = registry.decodeAsChoices(d.table);
      const dissector = choices.get(d.proto);
      if (!dissector) throw new UsageError(`invalid -d "${d.arg}": ${d.table} cannot be decoded as "${d.proto}" (one of: ${[...choices.keys()].sort().join(', ')})`);
      undo.push(registry.changeUint(d.table, d.first, d.last, dissector));
    }
  } catch (e) {
    undoAll();
    throw e;
  }
  return undoAll;
}
