import { FieldGroup, timeDelta, type FieldNode, type PacketInfo, type Tvb, NameBudget, addItem, addSubtree, isOwnNode } from '@netdissect/core';
import { dissectDso } from './dso.js';
import { ei, f, hfDns, hfLlmnr, hfMdns } from './fields.js';
import { addFlagsTree, decodeFlags } from './header-flags.js';
import type { MessageContext } from './message-context.js';
import type { DnsFlavor, DnsMessage, DnsResourceRecord } from './message-types.js';
import { dissectQuestion } from './question.js';
import { dissectResourceRecord } from './resource-record.js';
import { matchTransaction, type TransactionMatch } from './transactions.js';
import { Opcode, RRType, opcodeNames, rcodeNames } from './value-strings.js';

const HEADER_LEN = 12;

export interface MessageOptions {
  /** DNS over TCP: the message follows a 2-byte length. */
  tcp: boolean;
  flavor: DnsFlavor;
  /** Match queries and responses across the capture (off for a payload on its own). */
  trackTransactions: boolean;
  /** What the transport layer handed over (UdpInfo, TcpInfo), naming the conversation. */
  transportInfo?: unknown;
}

const countFields = [f.countQueries, f.countAnswers, f.countAuthRr, f.countAddRr];
const updateCountFields = [f.countZones, f.countPrerequisites, f.countUpdates, f.countAddRr];

/**
 * What a message adds outside its questions and records: the protocol
 * item, header, counts, transaction links and extraneous data. A tree
 * pruned to these alone (`-Y 'dns.flags.rcode != 0'`) gets no items from
 * the questions and records, which are then dissected as without a tree;
 * one pruned to these and question fields (`-e dns.qry.name`) gets none
 * from the records.
 */
const headerFields = new FieldGroup([
  hfDns, hfMdns, hfLlmnr, f.length, f.id,
  f.flags, f.flagsResponse, f.flagsOpcode, f.flagsAuthoritative, f.flagsConflictQuery, f.flagsConflictResponse, f.flagsTruncated,
  f.flagsRecdesired, f.flagsTentative, f.flagsRecavail, f.flagsZ, f.flagsAuthenticated, f.flagsAd, f.flagsCheckdisable, f.flagsRcode,
  ...countFields, ...updateCountFields,
  f.responseIn, f.responseTo, f.retransmission, f.retransmitRequestIn, f.retransmitResponseIn, f.time, f.unsolicited,
  f.extraneousData, f.extraneousLength,
]);
/** The header's fields and those dissectQuestion adds. */
const headerAndQuestionFields = new FieldGroup([...headerFields.defs, f.qryName, f.qryNameLen, f.countLabels, f.qryType, f.qryClass, f.qryClassMdns, f.qryQu]);

const protocolNames: Record<DnsFlavor, string> = {
  dns: 'Domain Name System',
  mdns: 'Multicast Domain Name System',
  llmnr: 'Link-local Multicast Name Resolution',
};

/** A message with nothing read yet; dissection fills it in as far as the data goes. */
export function emptyMessage(): DnsMessage {
  return {
    header: {
      id: 0, flags: 0, response: false, opcode: 0, authoritative: false, truncated: false, recursionDesired: false,
      recursionAvailable: false, z: false, authenticatedData: false, checkingDisabled: false, rcode: 0,
      questionCount: 0, answerCount: 0, authorityCount: 0, additionalCount: 0,
    },
    questions: [],
    answers: [],
    authorities: [],
    additionals: [],
  };
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

/** A section of resource records under its own subtree. Returns the bytes taken. */
function recordSection(m: MessageContext, off: number, count: number, tree: FieldNode | null, title: string, into: DnsResourceRecord[]): number {
  const sub = addSubtree(tree, m.tvb, off, -1, () => title);
  let cur = off;
  for (let i = 0; i < count; i++) {
    const [rr, used] = dissectResourceRecord(m, cur, sub);
    into.push(rr);
    cur += used;
  }
  if (isOwnNode(sub, tree)) sub.setLength(cur - off);
  return cur - off;
}

/**
 * dissect_dns_common: one DNS, mDNS or LLMNR message in `tvb`. Fills
 * `message` as it goes, so what was read before an error is kept; bounds
 * errors propagate to the caller, which marks the frame malformed.
 */
export function dissectDnsMessage(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, opts: MessageOptions, message: DnsMessage): void {
  const offset = opts.tcp ? 2 : 0;
  const isMdns = opts.flavor === 'mdns';
  const m: MessageContext = { tvb, pinfo, dataOffset: offset, maxPointers: pinfo.session.limits.dnsMaxPointers, isMdns, names: new NameBudget(tvb.length, () =>
    pinfo.expert(null, ei.pointerLimit, `DNS compression pointer limit reached (dnsMaxPointers=${pinfo.session.limits.dnsMaxPointers}): a longer chain is shown as a loop`)) };
  const id = tvb.u16(offset);
  const flags = tvb.u16(offset + 2);
  const h = message.header;
  h.id = id;
  decodeFlags(h, flags);
  const { response, opcode, rcode } = h;
  let info = `${opcodeNames.get(opcode) ?? `Unknown operation (${opcode})`}${response ? ' response' : ''} 0x${hex4(id)}`;
  if (response && rcode !== 0) info += ` ${rcodeNames.get(rcode) ?? `Unknown error (${rcode})`}`;
  pinfo.cols.setInfo(info);
  const isUpdate = opcode === Opcode.UPDATE;

  const protoDef = opts.flavor === 'llmnr' ? hfLlmnr : isMdns ? hfMdns : hfDns;
  const dnsTree = tree ? tree.addProtocol(protoDef, tvb, 0, tvb.length, tree.ctx.full ? `${protocolNames[opts.flavor]} (${response ? 'response' : 'query'})` : undefined) : null;

  const match: TransactionMatch | null = opts.trackTransactions ? matchTransaction(pinfo, opts.transportInfo, id, response, Number(pinfo.session.pref('dns.retransmission_timer', 5))) : null;

  if (opts.tcp) addItem(dnsTree, f.length, tvb, 0, 2);
  const idItem = dnsTree?.add(f.id, tvb, offset, 2, id) ?? null;
  addFlagsTree(dnsTree, tvb, offset + 2, flags, opts.flavor);

  // The four counts, each read and shown before the next (a short header fails where Wireshark's does).
  const countDefs = isUpdate ? updateCountFields : countFields;
  const count = (i: number): number => {
    const n = tvb.u16(offset + 4 + 2 * i);
    dnsTree?.add(countDefs[i]!, tvb, offset + 4 + 2 * i, 2, n);
    return n;
  };
  const quest = (h.questionCount = count(0));
  const ans = (h.answerCount = count(1));
  const auth = (h.authorityCount = count(2));
  const add = (h.additionalCount = count(3));

  const questionTree = dnsTree !== null && dnsTree.ctx.keepsProtocolBeyond('dns', headerFields) ? dnsTree : null;
  const recordTree = questionTree !== null && questionTree.ctx.keepsProtocolBeyond('dns', headerAndQuestionFields) ? questionTree : null;
  let cur = offset + HEADER_LEN;
  if (opcode === Opcode.DSO && quest === 0 && ans === 0 && auth === 0 && add === 0) cur += dissectDso(tvb, cur, dnsTree);

  if (quest > 0) {
    const sub = addSubtree(questionTree, tvb, cur, -1, () => (isUpdate ? 'Zone' : 'Queries'));
    const start = cur;
    let zoneTransfer = false;
    for (let i = 0; i < quest; i++) {
      const [q, used] = dissectQuestion(m, cur, sub);
      if (q.type === RRType.AXFR || q.type === RRType.IXFR) zoneTransfer = true;
      message.questions.push(q);
      cur += used;
    }
    if (isOwnNode(sub, questionTree)) sub.setLength(cur - start);
    // Later passes only read transactions (see matchTransaction).
    if (match && !pinfo.visited) match.transaction.multipleResponds = zoneTransfer;
  }
  if (ans > 0) cur += recordSection(m, cur, ans, recordTree, isUpdate ? 'Prerequisites' : 'Answers', message.answers);
  if (auth > 0) cur += recordSection(m, cur, auth, recordTree, isUpdate ? 'Updates' : 'Authoritative nameservers', message.authorities);
  if (add > 0) cur += recordSection(m, cur, add, recordTree, 'Additional records', message.additionals);

  if (match) addTransactionItems(pinfo, dnsTree, tvb, response, match, idItem);

  const extraneous = tvb.reportedRemaining(cur);
  if (extraneous > 0) {
    const ext = addSubtree(dnsTree, tvb, cur, extraneous, () => `Extraneous Data (${extraneous} bytes)`);
    addItem(ext, f.extraneousData, tvb, cur, extraneous);
    ext?.addGenerated(f.extraneousLength, tvb, 0, 0, extraneous);
    // proto_tree_add_expert on a hidden item: seen by -T json and fields, not by -V.
    pinfo.expert(ext ? ext.addText(tvb, cur, extraneous, ei.extraneous.summary).setHidden() : null, ei.extraneous);
  }
}

/** The request/response links: response_in on queries, response_to and time on responses, retransmissions. */
function addTransactionItems(pinfo: PacketInfo, tree: FieldNode | null, tvb: Tvb, response: boolean, match: TransactionMatch, idItem: FieldNode | null): void {
  const t = match.transaction;
  if (!response) {
    if (match.retransmission && t.reqFrame) {
      pinfo.expert(idItem, ei.retransmitRequest, `DNS query retransmission. Original request in frame ${t.reqFrame}`);
      tree?.addGenerated(f.retransmitRequestIn, tvb, 0, 0, t.reqFrame);
      tree?.addGenerated(f.retransmission, tvb, 0, 0, true);
    } else if (t.repFrame) {
      tree?.addGenerated(f.responseIn, tvb, 0, 0, t.repFrame);
    }
    return;
  }
  if (t.reqFrame) {
    if (match.retransmission && t.repFrame) {
      pinfo.expert(idItem, ei.retransmitResponse, `DNS response retransmission. Original response in frame ${t.repFrame}`);
      tree?.addGenerated(f.retransmitResponseIn, tvb, 0, 0, t.repFrame);
      tree?.addGenerated(f.retransmission, tvb, 0, 0, true);
    } else {
      tree?.addGenerated(f.responseTo, tvb, 0, 0, t.reqFrame);
      const [sec, nsec] = timeDelta(pinfo.raw.tsSec, pinfo.raw.tsNsec, t.reqSec, t.reqNsec);
      tree?.addGenerated(f.time, tvb, 0, 0, { sec, nsec });
    }
  } else if (!match.retransmission) {
    tree?.addGenerated(f.unsolicited, tvb, 0, 0, true);
  }
}
