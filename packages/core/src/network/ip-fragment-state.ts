import type { FieldNode } from '../fields/field-node.js';
import { eiIpFragmentLimit, reportLimit } from '../dissection/limit-experts.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { DissectionSession } from '../dissection/session.js';
import type { FragmentHead } from '../reassembly/fragment-head.js';
import { FragmentTable } from '../reassembly/fragment-table.js';

/** The session's IPv4/IPv6 datagrams in reassembly, bounded by the session limits. */
export function ipFragmentTable(session: DissectionSession): FragmentTable {
  return session.state('ip.fragments', () => new FragmentTable(session.limits.ipFragmentBytesTotal, session.limits.ipFragmentTimeoutSec, () => session.keepHistory));
}

const LIMIT_KEY = 'ip.fragment-limit';
const TIMEOUT_KEY = 'ip.fragment-timeout';

/**
 * The datagram this frame's fragment belongs to: added to the table on the
 * first pass, looked up on later ones. A frame whose fragment made the
 * table drop datagrams (ipFragmentBytesTotal, or ipFragmentTimeoutSec when
 * set) carries an expert on every pass.
 */
export function reassembleIpFragment(pinfo: PacketInfo, node: FieldNode | null, key: string, bytes: Uint8Array, fragOffset: number, moreFrags: boolean): FragmentHead | null {
  const table = ipFragmentTable(pinfo.session);
  const evicted = table.evicted;
  const expired = table.expired;
  const head = pinfo.visited ? (table.lookup(key, pinfo.num) ?? null) : table.add(key, pinfo.num, pinfo.raw.tsSec, bytes, fragOffset, moreFrags);
  reportLimit(pinfo, node, LIMIT_KEY, table.evicted > evicted, eiIpFragmentLimit, ipFragmentLimitMessage);
  reportLimit(pinfo, node, TIMEOUT_KEY, table.expired > expired, eiIpFragmentLimit, ipFragmentTimeoutMessage);
  return head;
}

function ipFragmentLimitMessage(pinfo: PacketInfo): string {
  return `IP fragment limit reached (ipFragmentBytesTotal=${pinfo.session.limits.ipFragmentBytesTotal}): incomplete datagrams were dropped`;
}

function ipFragmentTimeoutMessage(pinfo: PacketInfo): string {
  return `IP fragment limit reached (ipFragmentTimeoutSec=${pinfo.session.limits.ipFragmentTimeoutSec}): incomplete datagrams that waited longer were dropped`;
}
