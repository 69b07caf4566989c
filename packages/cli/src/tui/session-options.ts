import type { SessionOptions } from '@netdissect/core';
import type { CliOptions } from '../cli-options.js';

/** The dissection session the command line asks for (-o preferences, --limit), as the printing path builds it. */
export function sessionOptions(o: CliOptions): SessionOptions {
  return { prefs: o.prefs, limits: o.limits };
}
