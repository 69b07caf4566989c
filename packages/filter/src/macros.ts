import { FT, type FieldRegistry } from '@netdissect/core';
import { fail } from './filter-syntax-error.js';

/**
 * Wireshark expands display-filter macros (${name} or ${name:arg;...})
 * before scanning; ${field} stays as a field reference. No macros are
 * defined here, so any macro use is reported as tshark reports an unknown
 * one (dfilter-macro.c).
 */
export function rejectMacros(text: string, registry: FieldRegistry): void {
  for (let i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i + 1)) {
    if (text[i + 1] !== '{') continue;
    const start = i + 2;
    const end = nameEnd(text, start);
    if (end >= 0 && isFieldReference(text.slice(start, end), registry)) continue;
    let p = start;
    while (p < text.length && /[A-Za-z0-9_.-]/.test(text[p]!)) p++;
    const at = { start: i, length: p - i + 1 };
    const toEnd = { start: i, length: text.length - i };
    if (p >= text.length) fail('end of filter in the middle of a macro expression', toEnd);
    if (text[p] !== ':' && text[p] !== '}') fail('invalid character in macro name', at);
    const close = text[p] === '}' ? p : closingBrace(text, p + 1);
    if (close < 0) fail('end of filter in the middle of a macro expression', toEnd);
    fail(`macro '${text.slice(start, p)}' does not exist`, { start: i, length: close - i + 1 });
  }
}

/** Where a possible field name after "${" ends: the next '#' or '}', or -1. */
function nameEnd(text: string, from: number): number {
  for (let p = from; p < text.length; p++) if (text[p] === '#' || text[p] === '}') return p;
  return -1;
}

/** The '}' ending macro arguments (a backslash escapes the next character), or -1. */
function closingBrace(text: string, from: number): number {
  for (let p = from; p < text.length; p++) {
    if (text[p] === '\\') p++;
    else if (text[p] === '}') return p;
  }
  return -1;
}

function isFieldReference(name: string, registry: FieldRegistry): boolean {
  const def = registry.lookup(name)?.[0];
  return def !== undefined && def.type !== FT.PROTOCOL && def.type !== FT.NONE;
}
