import type { DissectionSession } from '../dissection/session.js';
import { FragmentTable } from '../reassembly/fragment-table.js';

/** The session's IPv4/IPv6 datagrams in reassembly, bounded by the session limits. */
export function ipFragmentTable(session: DissectionSession): FragmentTable {
  return session.state('ip.fragments', () => new FragmentTable(session.limits.ipFragmentBytesTotal, session.limits.ipFragmentTimeoutSec));
}
