import type { DissectedFrame, DissectionSession, EchoTransaction } from '@netdissect/core';
import type { TreeNeeds } from '../output/frame-printer.js';
import { UsageError } from '../usage-error.js';
import { cFixed, left, right } from './c-format.js';
import { filterNeeds, optionalStatsFilter, type StatsFilter } from './stats-filter.js';
import type { StatsOutput } from './stats-request.js';

/** 1.0 * G_MAXUINT: the minimum before any reply, printed as 0. */
const NO_MINIMUM = 4294967295;

export interface IcmpSrtRequest {
  /** "icmp" or "icmpv6": the tap and the title. */
  readonly proto: 'icmp' | 'icmpv6';
  /** The filter as given ("" for "icmp,srt,"); null without one ("<none>"). */
  readonly filterText: string | null;
  readonly filter: StatsFilter | null;
}

/** "icmp,srt[,FILTER]" or "icmpv6,srt[,FILTER]" (tap-icmpstat.c, tap-icmpv6stat.c); null when `arg` is neither. */
export function parseIcmpSrt(arg: string): IcmpSrtRequest | null {
  for (const proto of ['icmp', 'icmpv6'] as const) {
    const base = `${proto},srt`;
    if (arg === base) return { proto, filterText: null, filter: null };
    if (arg.startsWith(`${base},`)) {
      const text = arg.slice(base.length + 1);
      return { proto, filterText: text, filter: optionalStatsFilter(base, text) };
    }
  }
  if (arg.startsWith('icmp,srt') || arg.startsWith('icmpv6,srt')) throw new UsageError(`invalid -z argument "${arg}" (icmp,srt[,FILTER] or icmpv6,srt[,FILTER])`);
  return null;
}

/**
 * ICMP (or ICMPv6) Service Response Time: echo requests and replies from
 * the "icmp"/"icmpv6" tap, which hands over the echo transaction as it
 * stands when the frame is dissected: a reply (or, in the second pass of
 * -2, a request whose reply is known) counts as a reply with its delay,
 * a request without one as a request, as tshark counts them.
 */
export class IcmpSrtOutput implements StatsOutput {
  readonly needs: TreeNeeds | undefined;
  private pending: EchoTransaction[] = [];
  private requests = 0;
  private replies = 0;
  private minMs = NO_MINIMUM;
  private maxMs = 0;
  private minFrame = 0;
  private maxFrame = 0;
  private totalMs = 0;
  private readonly times: number[] = [];

  constructor(private readonly req: IcmpSrtRequest, session: DissectionSession) {
    this.needs = filterNeeds(req.filter);
    session.addTap(req.proto, (pinfo, data) => {
      if (!pinfo.inErrorPacket) this.pending.push(data as EchoTransaction);
    });
  }

  frame(f: DissectedFrame): void {
    const pending = this.pending;
    if (pending.length === 0) return;
    this.pending = [];
    if (this.req.filter && !this.req.filter.test(f.tree)) return;
    for (const t of pending) this.count(t);
  }

  /** icmpstat_packet */
  private count(t: EchoTransaction): void {
    if (t.responseFrame) {
      const ms = t.responseMs;
      this.times.push(ms);
      this.replies++;
      if (this.minMs > ms) {
        this.minFrame = t.responseFrame;
        this.minMs = ms;
      }
      if (this.maxMs < ms) {
        this.maxFrame = t.responseFrame;
        this.maxMs = ms;
      }
      this.totalMs += ms;
    } else if (t.requestFrame) {
      this.requests++;
    }
  }

  /** icmpstat_draw */
  render(): string {
    const title = this.req.proto === 'icmp' ? 'ICMP' : 'ICMPv6';
    const rule = '='.repeat(74);
    let out = `\n${rule}\n${title} Service Response Time (SRT) Statistics (all times in ms):\nFilter: ${this.req.filterText ?? '<none>'}\n`;
    out += '\nRequests  Replies   Lost      % Loss\n';
    const columns = 'Minimum   Maximum   Mean      Median    SDeviation     Min Frame Max Frame\n';
    if (this.requests) {
      // Unsigned, as in C: more replies than requests wraps around.
      const lost = (this.requests - this.replies) >>> 0;
      const { mean, median, sdev } = this.summary();
      out += `${left(this.requests, 10)}${left(this.replies, 10)}${left(lost, 10)}${right(cFixed((100 * lost) / this.requests, 1), 5)}%\n\n`;
      out += columns;
      const ms = (x: number): string => left(cFixed(x, 3), 10);
      out += `${ms(this.minMs >= NO_MINIMUM ? 0 : this.minMs)}${ms(this.maxMs)}${ms(mean)}${ms(median)}${ms(sdev)}     ${left(this.minFrame, 10)}${left(this.maxFrame, 10)}\n`;
    } else {
      out += '0         0         0           0.0%\n\n';
      out += columns;
      out += '0.000     0.000     0.000     0.000     0.000          0         0\n';
    }
    return `${out}${rule}\n`;
  }

  /** compute_stats: mean, median and sample standard deviation over the sorted delays. */
  private summary(): { mean: number; median: number; sdev: number } {
    const n = this.replies;
    if (n === 0) return { mean: 0, median: 0, sdev: 0 };
    const sorted = [...this.times].sort((a, b) => a - b);
    const mean = this.totalMs / n;
    const median = n & 1 ? sorted[n >> 1]! : (sorted[(n - 1) >> 1]! + sorted[n >> 1]!) / 2;
    let squares = 0;
    for (const x of sorted) squares += (x - mean) * (x - mean);
    return { mean, median, sdev: n > 1 ? Math.sqrt(squares / (n - 1)) : 0 };
  }
}
