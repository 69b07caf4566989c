import type { SessionOptions } from '@netdissect/core';
import type { CliOptions } from '../cli-options.js';

/** The dissection session the command line asks for (-o preferences, --limit), as the printing path builds it. */
export function sessionOptions(o: CliOptions): SessionOptions {
  const prefs: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(o.prefs)) prefs[k] = v === 'TRUE' || v === 'true' ? true : v === 'FALSE' || v === 'false' ? false : v;
  return { prefs, limits: o.limits };
}
