import type { DissectedFrame, DissectionSession, RawPacket } from '@netdissect/core';
import type { TreeNeeds } from '../output/frame-printer.js';
import { UsageError } from '../usage-error.js';
import { addressTableReads, ConversationsOutput, EndpointsOutput, parseAddressTable } from './conversation-report.js';
import { CredentialsOutput } from './credentials-list.js';
import { digNeeds, DigOutput } from './dig-output.js';
import { dnsStatsNeeds, DnsStatsTreeOutput } from './dns-stats-tree.js';
import { ExpertOutput, parseExpertRequest } from './expert-summary.js';
import { FollowOutput, parseFollow } from './follow-stream.js';
import { HttpLoadDistribution, HttpPacketCounter, HttpRequestsByHost, httpStatsNeeds, HttpStatsTreeOutput } from './http-stats-trees.js';
import { IcmpSrtOutput, parseIcmpSrt } from './icmp-service-response-time.js';
import { ioStatNeeds, IoStatOutput, parseIoStat } from './io-stat.js';
import { PINFO_STATS_NAMES, PinfoStatsTreeOutput, type PinfoStatsName } from './pinfo-stats-trees.js';
import { parseProtocolHierarchy, ProtocolHierarchyOutput } from './protocol-hierarchy.js';
import { optionalStatsFilter, type StatsFilter } from './stats-filter.js';
import { parseTranscript, TranscriptOutput } from './transcript-output.js';
import { fieldDefs, readsOfOwnProtocol } from './tree-items.js';

/**
 * A -z statistic. It listens on the session's taps and/or sees every
 * dissected frame of the printing pass (taps see all frames, whatever -Y
 * shows, as in tshark), and renders its table after the last frame.
 */
export interface StatsOutput {
  /** Tree items the statistic reads in frame(); absent when columns and taps suffice. */
  readonly needs?: TreeNeeds;
  frame?(f: DissectedFrame, raw: RawPacket): void;
  render(): string;
}

/** A validated -z argument, ready to attach to a session. */
export interface StatsRequest {
  create(session: DissectionSession): StatsOutput;
  /**
   * Set when the statistic reads nothing of a frame but these tree fields,
   * the addresses its lower layers set, its record, and the taps, expert
   * items and layers of these fields' protocols (no columns, nothing of
   * other protocols): a run may leave out the protocols none of them can
   * come from, as for -T fields.
   */
  readonly readsOnly?: TreeNeeds;
}

/** A statistic that may read any protocol (its items, taps or layers): a run leaves nothing out for it. */
function readingAnyProtocol(create: (session: DissectionSession) => StatsOutput): StatsRequest {
  return { create };
}

/** "NAME,tree" or "NAME,tree,FILTER" (tshark's stats_tree arguments); null if `arg` is not NAME's. */
function parseStatsTree(name: string, arg: string): { filter: StatsFilter | null } | null {
  const base = `${name},tree`;
  if (arg === base) return { filter: null };
  if (!arg.startsWith(`${base},`)) return null;
  return { filter: optionalStatsFilter(base, arg.slice(base.length + 1)) };
}

/** Validate one -z argument (before any capture is read) and return its factory. */
export function parseStatsRequest(arg: string): StatsRequest {
  const kind = arg.split(',')[0]!;
  const tree = parseStatsTree(kind, arg);
  if (tree) {
    const { filter } = tree;
    switch (kind) {
      case 'dns':
        return { create: (session) => new DnsStatsTreeOutput(session, filter), readsOnly: readsOfOwnProtocol(dnsStatsNeeds(filter)) };
      case 'http':
        return { create: (session) => new HttpStatsTreeOutput(new HttpPacketCounter(), session, filter), readsOnly: httpStatsNeeds(filter) };
      case 'http_req':
        return { create: (session) => new HttpStatsTreeOutput(new HttpRequestsByHost(), session, filter), readsOnly: httpStatsNeeds(filter) };
      case 'http_srv':
        return { create: (session) => new HttpStatsTreeOutput(new HttpLoadDistribution(), session, filter), readsOnly: httpStatsNeeds(filter) };
    }
    // Ports and port types come from whatever transport the frame carries, innermost last: nothing is left out.
    if ((PINFO_STATS_NAMES as readonly string[]).includes(kind)) return readingAnyProtocol((session) => new PinfoStatsTreeOutput(kind as PinfoStatsName, session, filter));
  }
  const srt = parseIcmpSrt(arg);
  // Echo transactions come from ICMP, which runs whatever the frame carries: nothing is left out.
  if (srt) return readingAnyProtocol((session) => new IcmpSrtOutput(srt, session));
  switch (kind) {
    case 'follow': {
      const req = parseFollow(arg);
      // The follow taps' data (payload, sequence numbers, stream) is handed out before the payload's dissector runs.
      const reads: TreeNeeds = { kind: 'fields', defs: fieldDefs([`${req.proto}.stream`]), labels: false };
      return { create: (session) => new FollowOutput(req, session), readsOnly: reads };
    }
    case 'conv': {
      const req = parseAddressTable('conv', arg);
      return { create: (session) => new ConversationsOutput(req, session), readsOnly: addressTableReads(req) };
    }
    case 'endpoints': {
      const req = parseAddressTable('endpoints', arg);
      return { create: () => new EndpointsOutput(req), readsOnly: addressTableReads(req) };
    }
    case 'expert': {
      const { minSeverity, filter } = parseExpertRequest(arg);
      return readingAnyProtocol(() => new ExpertOutput(minSeverity, filter));
    }
    case 'transcript': {
      const req = parseTranscript(arg);
      return readingAnyProtocol((session) => new TranscriptOutput(req, session));
    }
    case 'dig':
      if (arg === 'dig') return { create: (session) => new DigOutput(session), readsOnly: readsOfOwnProtocol(digNeeds()) };
      break;
    case 'credentials':
      if (arg === 'credentials') return readingAnyProtocol((session) => new CredentialsOutput(session));
      break;
    case 'io':
      if (arg.startsWith('io,phs')) {
        const { filter, text } = parseProtocolHierarchy(arg);
        return readingAnyProtocol(() => new ProtocolHierarchyOutput(filter, text));
      }
      if (arg.startsWith('io,stat')) {
        const spec = parseIoStat(arg);
        return { create: (session) => new IoStatOutput(spec, session), readsOnly: ioStatNeeds(spec) };
      }
      break;
  }
  throw new UsageError(`invalid -z argument "${arg}" (see netdissect --help for the statistics available)`);
}
