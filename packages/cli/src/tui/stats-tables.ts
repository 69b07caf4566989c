import { AddressType, fieldRegistry, type Address, type ValueStrings } from '@netdissect/core';
import { checkFilter } from '@netdissect/filter';
import type { AddressLayer } from '../stats/address-taps.js';
import type { ConversationRow } from '../stats/conversation-table.js';
import type { EndpointRow } from '../stats/endpoint-table.js';
import { toSeconds } from '../stats/frame-clock.js';
import type { ProtocolHierarchyNode } from '../stats/protocol-hierarchy.js';
import type { StatsTreeNode } from '../stats/stats-tree.js';
import type { StatisticsPass } from './statistics-pass.js';

/** A table cell: what is shown, and what it sorts by. */
export interface StatsCell {
  text: string;
  sort: number | string;
}

export interface StatsRow {
  cells: StatsCell[];
  children: StatsRow[];
  /** A display filter showing this row's packets, or null. */
  filter: string | null;
  /** The one packet the row is about (credentials), or null. */
  frame: number | null;
}

export interface StatsTable {
  columns: ReadonlyArray<{ title: string; numeric: boolean }>;
  rows: StatsRow[];
  /** Rows have children (protocol hierarchy, stats trees): sorting keeps siblings together. */
  tree: boolean;
  /** Column sorted by when the table opens (-1: as collected), descending. */
  defaultSort: number;
}

export type StatsTab = 'conversations' | 'endpoints' | 'hierarchy' | 'dns' | 'http' | 'credentials';

export const STATS_TABS: ReadonlyArray<{ tab: StatsTab; title: string }> = [
  { tab: 'conversations', title: 'Conversations' },
  { tab: 'endpoints', title: 'Endpoints' },
  { tab: 'hierarchy', title: 'Protocol Hierarchy' },
  { tab: 'dns', title: 'DNS' },
  { tab: 'http', title: 'HTTP' },
  { tab: 'credentials', title: 'Credentials' },
];

const num = (n: number, text = String(n)): StatsCell => ({ text, sort: n });
const str = (s: string): StatsCell => ({ text: s, sort: s });
const pct = (part: number, whole: number): StatsCell => num(whole ? (100 * part) / whole : 0, `${whole ? ((100 * part) / whole).toFixed(2) : '0.00'}%`);

function row(cells: StatsCell[], filter: string | null, children: StatsRow[] = [], frame: number | null = null): StatsRow {
  return { cells, children, filter, frame };
}

function addressField(a: Address, layer: AddressLayer): string {
  if (layer === 'eth') return 'eth.addr';
  return a.type === AddressType.IPv6 ? 'ipv6.addr' : 'ip.addr';
}

/** Wireshark's "Apply as Filter" for a conversation. */
function conversationFilter(layer: AddressLayer, r: ConversationRow): string {
  if (layer === 'tcp' && r.stream !== null) return `tcp.stream eq ${r.stream}`;
  const fa = addressField(r.addressA, layer);
  const fb = addressField(r.addressB, layer);
  if (layer === 'udp') return `${fa} == ${r.addressA} && udp.port == ${r.portA} && ${fb} == ${r.addressB} && udp.port == ${r.portB}`;
  return `${fa} == ${r.addressA} && ${fb} == ${r.addressB}`;
}

function endpointFilter(layer: AddressLayer, r: EndpointRow): string {
  const f = `${addressField(r.address, layer)} == ${r.address}`;
  return layer === 'tcp' || layer === 'udp' ? `${f} && ${layer}.port == ${r.port}` : f;
}

function conversations(layer: AddressLayer, rows: readonly ConversationRow[]): StatsTable {
  const ports = layer === 'tcp' || layer === 'udp';
  const columns = [
    { title: 'Address A', numeric: false },
    ...(ports ? [{ title: 'Port A', numeric: true }] : []),
    { title: 'Address B', numeric: false },
    ...(ports ? [{ title: 'Port B', numeric: true }] : []),
    { title: 'Packets', numeric: true },
    { title: 'Bytes', numeric: true },
    { title: 'Packets A → B', numeric: true },
    { title: 'Bytes A → B', numeric: true },
    { title: 'Packets B → A', numeric: true },
    { title: 'Bytes B → A', numeric: true },
    { title: 'Rel Start', numeric: true },
    { title: 'Duration', numeric: true },
  ];
  const out = rows.map((r) => {
    const start = toSeconds(r.start);
    const duration = toSeconds(r.stop) - start;
    return row(
      [
        str(String(r.addressA)),
        ...(ports ? [num(r.portA)] : []),
        str(String(r.addressB)),
        ...(ports ? [num(r.portB)] : []),
        num(r.txFrames + r.rxFrames),
        num(r.txBytes + r.rxBytes),
        num(r.txFrames),
        num(r.txBytes),
        num(r.rxFrames),
        num(r.rxBytes),
        num(start, start.toFixed(6)),
        num(duration, duration.toFixed(4)),
      ],
      conversationFilter(layer, r),
    );
  });
  return { columns, rows: out, tree: false, defaultSort: ports ? 4 : 2 };
}

function endpoints(layer: AddressLayer, rows: readonly EndpointRow[]): StatsTable {
  const ports = layer === 'tcp' || layer === 'udp';
  const columns = [
    { title: 'Address', numeric: false },
    ...(ports ? [{ title: 'Port', numeric: true }] : []),
    { title: 'Packets', numeric: true },
    { title: 'Bytes', numeric: true },
    { title: 'Tx Packets', numeric: true },
    { title: 'Tx Bytes', numeric: true },
    { title: 'Rx Packets', numeric: true },
    { title: 'Rx Bytes', numeric: true },
  ];
  const out = rows.map((r) =>
    row(
      [str(String(r.address)), ...(ports ? [num(r.port)] : []), num(r.txFrames + r.rxFrames), num(r.txBytes + r.rxBytes), num(r.txFrames), num(r.txBytes), num(r.rxFrames), num(r.rxBytes)],
      endpointFilter(layer, r),
    ),
  );
  return { columns, rows: out, tree: false, defaultSort: ports ? 2 : 1 };
}

/** `text` if it is a valid display filter (protocol names from the hierarchy may not be fields). */
function validFilter(text: string): string | null {
  return checkFilter(text) === null ? text : null;
}

function hierarchy(roots: readonly ProtocolHierarchyNode[]): StatsTable {
  let frames = 0;
  let bytes = 0;
  for (const r of roots) {
    frames += r.frames;
    bytes += r.bytes;
  }
  const convert = (n: ProtocolHierarchyNode): StatsRow =>
    row([str(n.protocol), pct(n.frames, frames), num(n.frames), pct(n.bytes, bytes), num(n.bytes)], validFilter(n.protocol), n.children.map(convert));
  return {
    columns: [
      { title: 'Protocol', numeric: false },
      { title: 'Percent Packets', numeric: true },
      { title: 'Packets', numeric: true },
      { title: 'Percent Bytes', numeric: true },
      { title: 'Bytes', numeric: true },
    ],
    rows: roots.map(convert),
    tree: true,
    defaultSort: -1,
  };
}

/** The value whose name is `name` in a field's value strings. */
function valueNamed(abbrev: string, name: string): number | null {
  const strings: ValueStrings | undefined = fieldRegistry.lookup(abbrev)?.[0]?.strings;
  for (const [v, n] of strings ?? []) if (n === name) return v;
  return null;
}

/** The packets behind a node of the DNS statistics tree, where the node names something filterable. */
function dnsFilter(node: StatsTreeNode): string {
  const parent = node.parent?.name;
  const byValue = (abbrev: string): string => {
    const v = valueNamed(abbrev, node.name);
    return v === null ? 'dns' : `${abbrev} == ${v}`;
  };
  switch (parent) {
    case 'Query/Response': return `dns.flags.response == ${node.name === 'Response' ? 1 : 0}`;
    case 'Query Type': return byValue('dns.qry.type');
    case 'Class': return byValue('dns.qry.class');
    case 'rcode': return byValue('dns.flags.rcode');
    case 'opcodes': return byValue('dns.flags.opcode');
  }
  if (node.name === 'no. of unsolicited responses') return 'dns.unsolicited';
  if (node.name === 'no. of retransmissions') return 'dns.retransmission';
  return 'dns';
}

/** The packets behind a node of the HTTP packet counter. */
function httpFilter(node: StatsTreeNode): string {
  const name = node.name;
  if (name === 'HTTP Request Packets') return 'http.request';
  if (name === 'HTTP Response Packets') return 'http.response';
  if (name === 'Other HTTP Packets') return 'http && !http.request && !http.response';
  if (node.parent?.name === 'HTTP Request Packets') return `http.request.method == "${name.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  const group = /^([1-5])xx: /.exec(name);
  if (group) return `http.response.code >= ${group[1]}00 && http.response.code < ${Number(group[1]) + 1}00`;
  if (name === '???: broken') return 'http.response.code < 100 || http.response.code >= 600';
  const code = /^(\d{3}) /.exec(name);
  if (code && node.parent?.parent?.name === 'HTTP Response Packets') return `http.response.code == ${code[1]}`;
  return 'http';
}

function statsTree(root: StatsTreeNode, filterOf: (n: StatsTreeNode) => string): StatsTable {
  const convert = (n: StatsTreeNode): StatsRow => {
    const parentCount = n.parent && n.parent.parent ? n.parent.counter : 0;
    const avg = n.averaged && n.counter ? n.total / n.counter : null;
    return row(
      [
        str(n.name),
        num(n.counter),
        avg === null ? str('') : num(avg, avg.toFixed(2)),
        n.averaged ? num(n.min, String(Math.round(n.min * 100) / 100)) : str(''),
        n.averaged ? num(n.max, String(Math.round(n.max * 100) / 100)) : str(''),
        parentCount ? pct(n.counter, parentCount) : str(''),
      ],
      validFilter(filterOf(n)),
      n.children.map(convert),
    );
  };
  return {
    columns: [
      { title: 'Topic / Item', numeric: false },
      { title: 'Count', numeric: true },
      { title: 'Average', numeric: true },
      { title: 'Min Val', numeric: true },
      { title: 'Max Val', numeric: true },
      { title: 'Percent', numeric: true },
    ],
    rows: root.children.map(convert),
    tree: true,
    defaultSort: -1,
  };
}

function credentials(pass: StatisticsPass): StatsTable {
  return {
    columns: [
      { title: 'Packet', numeric: true },
      { title: 'Protocol', numeric: false },
      { title: 'Username', numeric: false },
      { title: 'Info', numeric: false },
    ],
    rows: pass.credentials.list.rows.map((r) => row([num(r.record.frame), str(r.protocol), str(r.record.username), str(r.info)], null, [], r.record.frame)),
    tree: false,
    defaultSort: -1,
  };
}

/** The table of one statistics tab, from what the pass has counted so far. */
export function statsTable(pass: StatisticsPass, tab: StatsTab, layer: AddressLayer): StatsTable {
  switch (tab) {
    case 'conversations': return conversations(layer, pass.conversations.get(layer)!.table.rows());
    case 'endpoints': return endpoints(layer, pass.endpoints.get(layer)!.table.rows());
    case 'hierarchy': return hierarchy(pass.hierarchy.model.roots);
    case 'dns': return statsTree(pass.dns.stats.tree.root, dnsFilter);
    case 'http': return statsTree(pass.http.stats.tree.root, httpFilter);
    case 'credentials': return credentials(pass);
  }
}

/** A table row on screen, with its depth in a tree table. */
export interface StatsLine {
  row: StatsRow;
  depth: number;
}

function compareCells(a: StatsCell, b: StatsCell): number {
  if (typeof a.sort === 'number' && typeof b.sort === 'number') return a.sort - b.sort;
  return String(a.sort).localeCompare(String(b.sort), undefined, { numeric: true });
}

/** The table's rows in display order: sorted by `column` (-1: as collected), tree tables sibling by sibling. */
export function sortedLines(table: StatsTable, column: number, descending: boolean): StatsLine[] {
  const out: StatsLine[] = [];
  const visit = (rows: readonly StatsRow[], depth: number): void => {
    let ordered = rows;
    if (column >= 0) {
      // A stable sort keeps rows that compare equal in the order collected, as tshark lists them.
      ordered = [...rows].sort((a, b) => {
        const c = compareCells(a.cells[column]!, b.cells[column]!);
        return descending ? -c : c;
      });
    }
    for (const r of ordered) {
      out.push({ row: r, depth });
      visit(r.children, depth + 1);
    }
  };
  visit(table.rows, 0);
  return out;
}
