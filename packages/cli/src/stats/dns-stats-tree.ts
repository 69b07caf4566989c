import { fieldRegistry, type DissectedFrame, type DissectionSession, type FieldNode, type RawPacket } from '@netdissect/core';
import { classNames, DNS_TAP, opcodeNames, rcodeNames, type DnsTapData } from '@netdissect/dns';
import type { TreeNeeds } from '../output/frame-printer.js';
import { relativeMs } from './frame-clock.js';
import type { StatsFilter } from './stats-filter.js';
import type { StatsOutput } from './stats-request.js';
import { StatsTree, type StatsTreeNode } from './stats-tree.js';
import { statsTreeText } from './stats-tree-text.js';
import { failedIn, fieldDefs, findItem, protocolItems, SHORT_FRAME_ITEM } from './tree-items.js';

/** What packet-dns.c hands its stats tree for one message (struct DnsTap). */
export interface DnsTapSummary {
  response: boolean;
  opcode: number;
  rcode: number;
  /** First question's type and class; 0 without a question. */
  qtype: number;
  qclass: number;
  /** Bytes of the message as captured (with the TCP length prefix). */
  payloadSize: number;
  questions: number;
  answers: number;
  authorities: number;
  additionals: number;
  /** Length and label count of the first question's name. */
  qnameLength: number;
  qnameLabels: number;
  unsolicited: boolean;
  retransmission: boolean;
  /** Response time in ms (0 when unknown). */
  responseTimeMs: number;
}

/** The "Type" field's names (dns_types_description_vals), from the DNS field table. */
function typeDescription(type: number): string {
  const names = fieldRegistry.lookup('dns.qry.type')?.[0]?.strings;
  return names?.get(type) ?? `Unknown packet type (${type})`;
}

/**
 * dns,tree (packet-dns.c's stats tree): packets by query/response, type,
 * class, rcode and opcode; payload size; query name statistics; response
 * section counts; unsolicited/retransmitted responses and response times.
 */
export class DnsStatsTree {
  readonly tree = new StatsTree('DNS');
  private readonly qr: StatsTreeNode;
  private readonly qtypes: StatsTreeNode;
  private readonly qclasses: StatsTreeNode;
  private readonly rcodes: StatsTreeNode;
  private readonly opcodes: StatsTreeNode;

  constructor() {
    const t = this.tree;
    const packets = t.createNode('Total Packets', t.root, true);
    this.qr = t.createPivot('Query/Response', packets);
    this.qtypes = t.createPivot('Query Type', packets);
    this.qclasses = t.createPivot('Class', packets);
    this.rcodes = t.createPivot('rcode', packets);
    this.opcodes = t.createPivot('opcodes', packets);
    t.createNode('Payload size');
    const query = t.createNode('Query Stats', t.root, true);
    t.createNode('Qname Len', query);
    const labels = t.createNode('Label Stats', query, true);
    for (const l of ['1st Level', '2nd Level', '3rd Level', '4th Level or more']) t.createNode(l, labels);
    const response = t.createNode('Response Stats', t.root, true);
    for (const n of ['no. of questions', 'no. of answers', 'no. of authorities', 'no. of additionals']) t.createNode(n, response);
    const service = t.createNode('Service Stats', t.root, true);
    t.createNode('no. of unsolicited responses', service);
    t.createNode('no. of retransmissions', service);
    t.createNode('request-response time (msec)', service, false, true);
  }

  /** One DNS message at `nowMs` since the first frame. */
  add(m: DnsTapSummary, nowMs: number): void {
    const t = this.tree;
    t.beginPacket(nowMs);
    t.tick('Total Packets');
    t.tickPivot(this.qr, m.response ? 'Response' : 'Query');
    t.tickPivot(this.qtypes, typeDescription(m.qtype));
    t.tickPivot(this.qclasses, classNames.get(m.qclass) ?? `Unknown class (${m.qclass})`);
    t.tickPivot(this.rcodes, rcodeNames.get(m.rcode) ?? `Unknown rcode (${m.rcode})`);
    t.tickPivot(this.opcodes, opcodeNames.get(m.opcode) ?? `Unknown opcode (${m.opcode})`);
    t.tickValue('Payload size', m.payloadSize);
    if (!m.response) {
      t.tickValue('Qname Len', m.qnameLength);
      t.tick(['1st Level', '2nd Level', '3rd Level'][m.qnameLabels - 1] ?? '4th Level or more');
      return;
    }
    const counts = (): void => {
      t.tickValue('no. of questions', m.questions);
      t.tickValue('no. of answers', m.answers);
      t.tickValue('no. of authorities', m.authorities);
      t.tickValue('no. of additionals', m.additionals);
    };
    // packet-dns.c counts a solicited response's sections twice; tshark's numbers show it.
    counts();
    if (m.unsolicited) {
      t.tick('no. of unsolicited responses');
      return;
    }
    counts();
    if (m.retransmission) t.tick('no. of retransmissions');
    else t.tickValue('request-response time (msec)', m.responseTimeMs, t.root, true);
  }
}

function labelCount(name: string): number {
  return name.length > 1 ? name.split('.').length : 0;
}

function summarize(tap: DnsTapData, item: FieldNode | null): DnsTapSummary {
  const m = tap.message;
  const h = m.header;
  const q = h.questionCount > 0 ? m.questions[0] : undefined;
  const time = item ? findItem(item, 'dns.time')?.value as { sec: number; nsec: number } | undefined : undefined;
  return {
    response: h.response,
    opcode: h.opcode,
    rcode: h.rcode,
    qtype: q?.type ?? 0,
    qclass: q?.class ?? 0,
    payloadSize: item?.length ?? 0,
    questions: h.questionCount,
    answers: h.answerCount,
    authorities: h.authorityCount,
    additionals: h.additionalCount,
    qnameLength: q?.name.length ?? 0,
    qnameLabels: q ? labelCount(q.name) : 0,
    unsolicited: item ? findItem(item, 'dns.unsolicited') !== null : false,
    retransmission: item ? findItem(item, 'dns.retransmission') !== null : false,
    responseTimeMs: time ? Math.fround(time.sec * 1000 + time.nsec / 1e6) : 0,
  };
}

/** What dns,tree reads of a frame's tree besides the DNS tap. */
export function dnsStatsNeeds(filter: StatsFilter | null): TreeNeeds {
  return {
    kind: 'fields',
    defs: [...fieldDefs(['dns', 'dns.time', 'dns.unsolicited', 'dns.retransmission', 'icmp', 'icmpv6', SHORT_FRAME_ITEM]), ...(filter?.fields ?? [])],
    labels: false,
  };
}

/**
 * The dns,tree statistic: DNS messages from the "dns" tap (mDNS and LLMNR
 * are not counted, as in Wireshark), completed with the transaction items
 * of the tree (response time, unsolicited, retransmission).
 */
export class DnsStatsTreeOutput implements StatsOutput {
  readonly needs: TreeNeeds;
  readonly stats = new DnsStatsTree();
  private pending: DnsTapData[] = [];

  constructor(private readonly session: DissectionSession, private readonly filter: StatsFilter | null) {
    this.needs = dnsStatsNeeds(filter);
    session.addTap(DNS_TAP, (pinfo, data) => {
      const d = data as DnsTapData;
      // Wireshark collects no statistics for mDNS, LLMNR, or a message quoted in an ICMP error.
      if (d.flavor === 'dns' && !pinfo.inErrorPacket) this.pending.push(d);
    });
  }

  frame(f: DissectedFrame, raw: RawPacket): void {
    const messages = this.pending;
    this.pending = [];
    if (messages.length === 0 || (this.filter && !this.filter.test(f.tree))) return;
    // A message cut short raised an exception before Wireshark's tap.
    if (failedIn(f, 'DNS', 'dns')) messages.pop();
    const items = protocolItems(f.tree, 'dns');
    const nowMs = relativeMs(raw, this.session);
    messages.forEach((m, i) => this.stats.add(summarize(m, items[i] ?? null), nowMs));
  }

  render(): string {
    return statsTreeText(this.stats.tree);
  }
}
