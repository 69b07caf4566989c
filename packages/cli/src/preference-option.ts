import { UsageError } from './usage-error.js';

/**
 * The preferences the dissectors read (`session.pref`), by kind. tshark
 * refuses a name it does not know; netdissect refuses one it does not
 * read, so a tshark preference it lacks (tcp.analyze_sequence_numbers,
 * tcp.track_bytes_in_flight ...) is an error rather than output silently unlike
 * tshark's. `test/cli/preference-option.test.ts` keeps this list and the
 * names the sources read the same.
 */
const PREFERENCES: ReadonlyMap<string, 'bool' | 'uint' | 'int'> = new Map([
  ['dns.desegment_dns_messages', 'bool'],
  ['dns.retransmission_timer', 'uint'],
  ['eth.fcs_len', 'int'],
  ['ftp-data.export.maxsize', 'uint'],
  ['imap.ssl_heuristic', 'bool'],
  ['ip.check_checksum', 'bool'],
  ['ip.defragment', 'bool'],
  ['ip.tso_support', 'bool'],
  ['ipv6.defragment', 'bool'],
  ['pop.desegment_data', 'bool'],
  ['smtp.decryption', 'bool'],
  ['smtp.desegment_data', 'bool'],
  ['smtp.desegment_lines', 'bool'],
  ['tcp.calculate_timestamps', 'bool'],
  ['tcp.check_checksum', 'bool'],
  ['tcp.desegment_tcp_streams', 'bool'],
  ['tcp.relative_sequence_numbers', 'bool'],
  // Always on in netdissect: accepted as TRUE, so tshark's command lines run unchanged.
  ['tcp.reassemble_out_of_order', 'bool'],
  ['udp.check_checksum', 'bool'],
]);

/** The names netdissect reads, for the test that keeps them in step with the sources. */
export function preferenceNames(): string[] {
  return [...PREFERENCES.keys()];
}

/**
 * One -o NAME:VALUE, checked and converted as prefs.c sets it: a boolean is
 * true when the value is "true" in any case, false otherwise; numbers
 * must be numbers.
 */
export function parsePreference(arg: string): [string, string | number | boolean] {
  const c = arg.indexOf(':');
  if (c < 0) throw new UsageError(`invalid -o preference "${arg}"; expected name:value`);
  const name = arg.slice(0, c).trim();
  const value = arg.slice(c + 1).trim();
  const kind = PREFERENCES.get(name);
  if (kind === undefined) throw new UsageError(`-o "${arg}": netdissect has no preference "${name}" (it has: ${preferenceNames().sort().join(', ')})`);
  if (kind === 'bool') {
    const on = value.toLowerCase() === 'true';
    if (name === 'tcp.reassemble_out_of_order' && !on) throw new UsageError(`-o "${arg}": netdissect always reassembles out-of-order TCP segments`);
    return [name, on];
  }
  const n = Number(value);
  if (value === '' || !Number.isInteger(n) || (kind === 'uint' && n < 0)) throw new UsageError(`-o "${arg}": ${name} takes ${kind === 'uint' ? 'a number of 0 or more' : 'a whole number'}`);
  return [name, n];
}
