import type { DissectedFrame, DissectionSession, FieldNode, RawPacket } from '@netdissect/core';
import { statusCodeName, unrecognisedHttpMessages } from '@netdissect/http';
import type { TreeNeeds } from '../output/frame-printer.js';
import { relativeMs } from './frame-clock.js';
import type { StatsFilter } from './stats-filter.js';
import type { StatsOutput } from './stats-request.js';
import { StatsTree, type StatsTreeNode } from './stats-tree.js';
import { statsTreeText } from './stats-tree-text.js';
import { failedIn, fieldDefs, findItem, protocolItems } from './tree-items.js';

/** What packet-http.c puts on its "http" tap for one message (http_info_value_t). */
export interface HttpTapRecord {
  /** Request method, or null for a response or a continuation. */
  readonly method: string | null;
  readonly uri: string | null;
  /** The Host header's value. */
  readonly host: string | null;
  /** Status code of a response, 0 otherwise. */
  readonly responseCode: number;
  /** The frame's source and destination addresses. */
  readonly src: string;
  readonly dst: string;
}

/** An HTTP statistic fed one record per HTTP message (every message moves the tree's clock, counted or not). */
export interface HttpStatsTree {
  readonly tree: StatsTree;
  add(r: HttpTapRecord, nowMs: number): void;
}

/** http,tree ("HTTP/Packet Counter"): messages by request method and response status. */
export class HttpPacketCounter implements HttpStatsTree {
  readonly tree = new StatsTree('HTTP/Packet Counter');
  private readonly requests: StatsTreeNode;
  private readonly responses: StatsTreeNode;
  private readonly groups: StatsTreeNode[];

  constructor() {
    const t = this.tree;
    const packets = t.createNode('Total HTTP Packets', t.root, true);
    this.requests = t.createPivot('HTTP Request Packets', packets);
    this.responses = t.createNode('HTTP Response Packets', packets, true);
    this.groups = ['???: broken', '1xx: Informational', '2xx: Success', '3xx: Redirection', '4xx: Client Error', '5xx: Server Error'].map((n) =>
      t.createNode(n, this.responses, true),
    );
    t.createNode('Other HTTP Packets', packets);
  }

  add(r: HttpTapRecord, nowMs: number): void {
    const t = this.tree;
    t.beginPacket(nowMs);
    t.tick('Total HTTP Packets');
    const code = r.responseCode;
    if (code) {
      t.tick('HTTP Response Packets', this.responses.parent!);
      const group = this.groups[code < 100 || code >= 600 ? 0 : Math.floor(code / 100)]!;
      t.tick(group.name, this.responses);
      t.tick(`${code} ${statusCodeName(code)}`, group);
    } else if (r.method) {
      t.tickPivot(this.requests, r.method);
    } else {
      t.tick('Other HTTP Packets', this.responses.parent!);
    }
  }
}

/** http_req,tree ("HTTP/Requests"): request URIs by Host. */
export class HttpRequestsByHost implements HttpStatsTree {
  readonly tree = new StatsTree('HTTP/Requests');
  private readonly byHost: StatsTreeNode;

  constructor() {
    this.byHost = this.tree.createNode('HTTP Requests by HTTP Host', this.tree.root, true);
  }

  add(r: HttpTapRecord, nowMs: number): void {
    const t = this.tree;
    t.beginPacket(nowMs);
    if (!r.method) return;
    t.tick('HTTP Requests by HTTP Host');
    if (r.host === null) return;
    const host = t.tick(r.host, this.byHost, true);
    if (r.uri !== null) t.tick(r.uri, host, true);
  }
}

/** http_srv,tree ("HTTP/Load Distribution"): requests by server address and Host, responses by server. */
export class HttpLoadDistribution implements HttpStatsTree {
  readonly tree = new StatsTree('HTTP/Load Distribution');
  private readonly requests: StatsTreeNode;
  private readonly byAddress: StatsTreeNode;
  private readonly byHost: StatsTreeNode;
  private readonly responses: StatsTreeNode;

  constructor() {
    const t = this.tree;
    this.requests = t.createNode('HTTP Requests by Server', t.root, true);
    this.byAddress = t.createNode('HTTP Requests by Server Address', this.requests, true);
    this.byHost = t.createNode('HTTP Requests by HTTP Host', this.requests, true);
    this.responses = t.createNode('HTTP Responses by Server Address', t.root, true);
  }

  add(r: HttpTapRecord, nowMs: number): void {
    const t = this.tree;
    t.beginPacket(nowMs);
    if (r.method) {
      t.tick(this.requests.name);
      t.tick(this.byAddress.name, this.requests, true);
      t.tick(this.byHost.name, this.requests, true);
      const address = t.tick(r.dst, this.byAddress, true);
      if (r.host !== null) {
        const host = t.tick(r.host, this.byHost, true);
        t.tick(r.dst, host);
        t.tick(r.host, address);
      }
    } else if (r.responseCode !== 0) {
      t.tick(this.responses.name);
      const address = t.tick(r.src, this.responses, true);
      t.tick(r.responseCode > 100 && r.responseCode < 400 ? 'OK' : 'KO', address);
    }
  }
}

function stringOf(item: FieldNode, abbrev: string): string | null {
  const v = findItem(item, abbrev)?.value;
  return typeof v === 'string' ? v : null;
}

/** g_ascii_isprint */
function isPrintable(b: number | undefined): boolean {
  return b !== undefined && b >= 0x20 && b < 0x7f;
}

/**
 * The "http" tap records of a frame, from its tree: one per HTTP item,
 * except the binary continuations Wireshark shows but does not tap, and a
 * message whose dissection failed (body errors are caught by HTTP itself).
 * Wireshark also taps a segment its HTTP dissector read through without
 * recognising anything (no item; the rest handed to "data"): an "Other
 * HTTP Packet".
 */
export function httpTapRecords(f: DissectedFrame): HttpTapRecord[] {
  const items = protocolItems(f.tree, 'http').filter((item) => isPrintable(item.bytes()[0]));
  if (failedIn(f, 'HTTP', null)) items.pop();
  const src = f.pinfo.src.toString();
  const dst = f.pinfo.dst.toString();
  if (items.length === 0) {
    return Array.from({ length: unrecognisedHttpMessages(f.pinfo) }, () => ({ method: null, uri: null, host: null, responseCode: 0, src, dst }));
  }
  return items.map((item) => {
    const code = findItem(item, 'http.response.code')?.value;
    return {
      method: stringOf(item, 'http.request.method'),
      uri: stringOf(item, 'http.request.uri'),
      host: stringOf(item, 'http.host'),
      responseCode: typeof code === 'number' ? code : 0,
      src,
      dst,
    };
  });
}

/** What the HTTP statistics read of a frame's tree. */
export function httpStatsNeeds(filter: StatsFilter | null): TreeNeeds {
  return {
    kind: 'fields',
    defs: [...fieldDefs(['http', 'http.request.method', 'http.request.uri', 'http.host', 'http.response.code', 'icmp', 'icmpv6']), ...(filter?.fields ?? [])],
    labels: false,
  };
}

/** The http,tree / http_req,tree / http_srv,tree statistics. */
export class HttpStatsTreeOutput implements StatsOutput {
  readonly needs: TreeNeeds;

  constructor(
    readonly stats: HttpStatsTree,
    private readonly session: DissectionSession,
    private readonly filter: StatsFilter | null,
  ) {
    this.needs = httpStatsNeeds(filter);
  }

  frame(f: DissectedFrame, raw: RawPacket): void {
    if (this.filter && !this.filter.test(f.tree)) return;
    const records = httpTapRecords(f);
    if (records.length === 0) return;
    const nowMs = relativeMs(raw, this.session);
    for (const r of records) this.stats.add(r, nowMs);
  }

  render(): string {
    return statsTreeText(this.stats.tree);
  }
}
