import { DissectionSession, TreeContext, type SessionOptions } from '@netdissect/core';
import type { AddressLayer } from '../stats/address-taps.js';
import { ConversationsOutput, EndpointsOutput, parseAddressTable } from '../stats/conversation-report.js';
import { CredentialsOutput } from '../stats/credentials-list.js';
import { DnsStatsTreeOutput } from '../stats/dns-stats-tree.js';
import { HttpPacketCounter, HttpStatsTreeOutput } from '../stats/http-stats-trees.js';
import { ProtocolHierarchyOutput } from '../stats/protocol-hierarchy.js';
import type { StatsOutput } from '../stats/stats-request.js';
import { ChangeSignal } from './change-signal.js';
import type { FrameBytes } from './frame-bytes.js';
import { SLICE_MS, yieldToEventLoop } from './time-slice.js';

export const ADDRESS_LAYERS: readonly AddressLayer[] = ['eth', 'ip', 'ipv6', 'tcp', 'udp'];

/** How often a running pass lets the tables redraw. */
const PROGRESS_MS = 250;

/**
 * The statistics views' data: tshark's -z collectors (conv, endpoints,
 * io,phs, dns,tree, http,tree, credentials) fed by one pass over the
 * frames indexed so far. The pass uses a session of its own, so the
 * collectors' taps see each frame exactly once, in order, as in tshark,
 * and leave the browsing session alone.
 */
export class StatisticsPass {
  readonly changed = new ChangeSignal();
  readonly conversations: ReadonlyMap<AddressLayer, ConversationsOutput>;
  readonly endpoints: ReadonlyMap<AddressLayer, EndpointsOutput>;
  readonly hierarchy = new ProtocolHierarchyOutput(null, '');
  readonly dns: DnsStatsTreeOutput;
  readonly http: HttpStatsTreeOutput;
  readonly credentials: CredentialsOutput;
  /** Frames dissected so far, of `target`. */
  scanned = 0;
  done = false;
  private cancelled = false;
  private readonly session: DissectionSession;

  constructor(
    private readonly bytes: FrameBytes,
    /** Frames indexed when the statistics were asked for. */
    readonly target: number,
    options: SessionOptions,
  ) {
    const session = (this.session = new DissectionSession(options));
    this.conversations = new Map(ADDRESS_LAYERS.map((l) => [l, new ConversationsOutput(parseAddressTable('conv', `conv,${l}`), session)]));
    this.endpoints = new Map(ADDRESS_LAYERS.map((l) => [l, new EndpointsOutput(parseAddressTable('endpoints', `endpoints,${l}`))]));
    this.dns = new DnsStatsTreeOutput(session, null);
    this.http = new HttpStatsTreeOutput(new HttpPacketCounter(), session, null);
    this.credentials = new CredentialsOutput(session);
  }

  private get outputs(): StatsOutput[] {
    return [...this.conversations.values(), ...this.endpoints.values(), this.hierarchy, this.dns, this.http, this.credentials];
  }

  /** One pass over frames 1..target; never throws (an unreadable file ends it early). */
  async run(): Promise<void> {
    const outputs = this.outputs;
    // The protocol hierarchy reads every top-level item, so the tree is full; labels nobody reads.
    const tree = new TreeContext(null, false);
    let sliceStart = performance.now();
    try {
      for await (const batch of this.bytes.frames(1, this.target)) {
        for (const raw of batch) {
          if (this.cancelled) return;
          const f = this.session.dissect(raw, tree, false);
          for (const o of outputs) o.frame?.(f, raw);
          this.scanned = raw.no;
          if (performance.now() - sliceStart >= SLICE_MS) {
            this.changed.notifyThrottled(PROGRESS_MS);
            await yieldToEventLoop();
            sliceStart = performance.now();
          }
        }
      }
    } catch {
      // Keep what was counted.
    }
    if (this.cancelled) return;
    this.scanned = this.target;
    this.done = true;
    this.changed.notify();
  }

  cancel(): void {
    this.cancelled = true;
  }
}
