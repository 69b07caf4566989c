import type { DissectedFrame, DissectionSession, RawPacket } from '@netdissect/core';
import type { TreeNeeds } from '../output/frame-printer.js';
import { UsageError } from '../usage-error.js';
import { addressTapFields, addressTapRecords, type AddressLayer } from './address-taps.js';
import { cFixed, left, right } from './c-format.js';
import { ConversationTable, type ConversationRow } from './conversation-table.js';
import { EndpointTable, type EndpointRow } from './endpoint-table.js';
import { formatByteSize } from './format-size.js';
import { absoluteTime, relativeTime, toSeconds } from './frame-clock.js';
import { optionalStatsFilter, type StatsFilter } from './stats-filter.js';
import type { StatsOutput } from './stats-request.js';

/** The table title of each layer (the protocol's short name in Wireshark). */
export const LAYER_TITLES: Record<AddressLayer, string> = { eth: 'Ethernet', ip: 'IPv4', ipv6: 'IPv6', tcp: 'TCP', udp: 'UDP' };

const RULE = '================================================================================\n';

function hasPorts(layer: AddressLayer): boolean {
  return layer === 'tcp' || layer === 'udp';
}

/** Rows by total frames, most first; equal totals keep the order first seen (tshark's draw loop). */
function byFrames<T extends { txFrames: number; rxFrames: number }>(rows: readonly T[]): T[] {
  return rows
    .map((r, i) => [r, i] as const)
    .sort((a, b) => b[0].txFrames + b[0].rxFrames - (a[0].txFrames + a[0].rxFrames) || a[1] - b[1])
    .map(([r]) => r);
}

/** tshark's "-z conv,TYPE" table (relative start times). */
export function conversationsText(layer: AddressLayer, rows: readonly ConversationRow[], filter: string | null): string {
  const ports = hasPorts(layer);
  const pad = ports ? '            ' : '';
  let out = `${RULE}${LAYER_TITLES[layer]} Conversations\nFilter:${filter ?? '<No Filter>'}\n`;
  out += `${pad}                                               |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n`;
  out += `${pad}                                               | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n`;
  for (const r of byFrames(rows)) {
    const a = ports ? `${r.addressA}:${r.portA}` : String(r.addressA);
    const b = ports ? `${r.addressB}:${r.portB}` : String(r.addressB);
    const w = ports ? 26 : 20;
    out += `${left(a, w)} <-> ${left(b, w)}  ${right(r.rxFrames, 6)} ${left(formatByteSize(r.rxBytes), 9)}`;
    out += `  ${right(r.txFrames, 6)} ${left(formatByteSize(r.txBytes), 9)}`;
    out += `  ${right(r.rxFrames + r.txFrames, 6)} ${left(formatByteSize(r.rxBytes + r.txBytes), 9)}  `;
    out += `${right(cFixed(toSeconds(r.start), 9), 14)}   ${right(cFixed(toSeconds(r.stop) - toSeconds(r.start), 4), 12)}\n`;
  }
  return out + RULE;
}

/** tshark's "-z endpoints,TYPE" table. */
export function endpointsText(layer: AddressLayer, rows: readonly EndpointRow[], filter: string | null): string {
  const ports = hasPorts(layer);
  let out = `${RULE}${LAYER_TITLES[layer]} Endpoints\nFilter:${filter ?? '<No Filter>'}\n`;
  out += `                       |  ${ports ? 'Port  ||  ' : ''}Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n`;
  for (const r of byFrames(rows)) {
    out += `${left(String(r.address), 20)}      ${ports ? `${right(r.port, 5)}     ` : ''}${right(r.txFrames + r.rxFrames, 6)}     ${right(r.txBytes + r.rxBytes, 9)}`;
    out += `     ${right(r.txFrames, 6)}       ${right(r.txBytes, 9)}      ${right(r.rxFrames, 6)}       ${right(r.rxBytes, 9)}   \n`;
  }
  return out + RULE;
}

/** A parsed "conv,TYPE[,FILTER]" or "endpoints,TYPE[,FILTER]". */
export interface AddressTableRequest {
  readonly layer: AddressLayer;
  /** The filter as given; "" (a trailing comma) prints as empty, null as "<No Filter>". */
  readonly filterText: string | null;
  readonly filter: StatsFilter | null;
}

const LAYERS: readonly AddressLayer[] = ['eth', 'ip', 'ipv6', 'tcp', 'udp'];

export function parseAddressTable(kind: 'conv' | 'endpoints', arg: string): AddressTableRequest {
  const rest = arg.slice(kind.length + 1);
  const comma = rest.indexOf(',');
  const layer = (comma < 0 ? rest : rest.slice(0, comma)) as AddressLayer;
  if (!LAYERS.includes(layer)) throw new UsageError(`${kind}: unsupported type "${layer}" (use ${LAYERS.join(', ')})`);
  const filterText = comma < 0 ? null : rest.slice(comma + 1);
  return { layer, filterText, filter: optionalStatsFilter(`${kind},${layer}`, filterText) };
}

function addressTableNeeds(req: AddressTableRequest): TreeNeeds {
  return { kind: 'fields', defs: [...addressTapFields(req.layer), ...(req.filter?.fields ?? [])], labels: false };
}

/**
 * The fields whose values conv and endpoints read, to work out what a run
 * may leave out: TCP's protocol item is only looked into, and is there
 * whatever TCP's payload is (the item itself would keep every protocol).
 */
export function addressTableReads(req: AddressTableRequest): TreeNeeds {
  return { kind: 'fields', defs: [...addressTapFields(req.layer).filter((d) => d.abbrev !== 'tcp'), ...(req.filter?.fields ?? [])], labels: false };
}

/** -z conv,TYPE: fed one record per header of that layer (several per frame for tunnels). */
export class ConversationsOutput implements StatsOutput {
  readonly needs: TreeNeeds;
  readonly table = new ConversationTable();

  constructor(private readonly req: AddressTableRequest, private readonly session: DissectionSession) {
    this.needs = addressTableNeeds(req);
  }

  frame(f: DissectedFrame, raw: RawPacket): void {
    if (this.req.filter && !this.req.filter.test(f.tree)) return;
    const relative = relativeTime(raw, this.session);
    const absolute = absoluteTime(raw);
    for (const r of addressTapRecords(f, this.req.layer)) {
      this.table.add({ src: r.src, dst: r.dst, srcPort: r.srcPort, dstPort: r.dstPort, stream: r.stream, bytes: raw.len, relative, absolute });
    }
  }

  render(): string {
    return conversationsText(this.req.layer, this.table.rows(), this.req.filterText);
  }
}

/** -z endpoints,TYPE */
export class EndpointsOutput implements StatsOutput {
  readonly needs: TreeNeeds;
  readonly table = new EndpointTable();

  constructor(private readonly req: AddressTableRequest) {
    this.needs = addressTableNeeds(req);
  }

  frame(f: DissectedFrame, raw: RawPacket): void {
    if (this.req.filter && !this.req.filter.test(f.tree)) return;
    for (const r of addressTapRecords(f, this.req.layer)) {
      this.table.add(r.src, r.srcPort, true, raw.len);
      this.table.add(r.dst, r.dstPort, false, raw.len);
    }
  }

  render(): string {
    return endpointsText(this.req.layer, this.table.rows(), this.req.filterText);
  }
}
