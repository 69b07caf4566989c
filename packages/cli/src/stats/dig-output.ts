import type { DissectedFrame, DissectionSession, FieldNode, RawPacket } from '@netdissect/core';
import { DNS_TAP, type DnsTapData } from '@netdissect/dns';
import type { TreeNeeds } from '../output/frame-printer.js';
import { escapeForTerminal } from '../output/terminal-safety.js';
import { formatDig } from './dig-format.js';
import { relativeTime, toSeconds } from './frame-clock.js';
import type { StatsOutput } from './stats-request.js';
import { failedIn, fieldDefs, findItem, protocolItems, SHORT_FRAME_ITEM } from './tree-items.js';

/** A DNS message as the tap delivered it, with the addresses it travelled between. */
interface TappedMessage {
  readonly data: DnsTapData;
  readonly src: string;
  readonly srcPort: number;
  readonly dst: string;
  readonly dstPort: number;
}

/** What dig reads of a frame's tree besides the DNS tap. */
export function digNeeds(): TreeNeeds {
  return { kind: 'fields', defs: fieldDefs(['dns', 'dns.time', 'icmp', 'icmpv6', SHORT_FRAME_ITEM]), labels: false };
}

/**
 * -z dig: every DNS response of the capture as dig prints it (see
 * formatDig), in frame order. Queries and mDNS/LLMNR are left out; the
 * response time and size come from the frame's DNS items.
 */
export class DigOutput implements StatsOutput {
  readonly needs: TreeNeeds = digNeeds();
  /** One block of lines per response. */
  readonly responses: string[][] = [];
  private pending: TappedMessage[] = [];

  constructor(private readonly session: DissectionSession) {
    session.addTap(DNS_TAP, (pinfo, data) => {
      const d = data as DnsTapData;
      if (d.flavor !== 'dns' || pinfo.inErrorPacket) return;
      this.pending.push({ data: d, src: pinfo.src.toString(), srcPort: pinfo.srcport, dst: pinfo.dst.toString(), dstPort: pinfo.dstport });
    });
  }

  frame(f: DissectedFrame, raw: RawPacket): void {
    const messages = this.pending;
    this.pending = [];
    if (messages.length === 0) return;
    const items = protocolItems(f.tree, 'dns');
    const failed = failedIn(f, 'DNS', 'dns');
    const time = toSeconds(relativeTime(raw, this.session));
    messages.forEach((m, i) => {
      if (!m.data.message.header.response) return;
      const item: FieldNode | undefined = items[i];
      const rt = item ? (findItem(item, 'dns.time')?.value as { sec: number; nsec: number } | undefined) : undefined;
      const tcp = m.data.transport === 'tcp';
      this.responses.push(
        formatDig(m.data.message, {
          frame: f.pinfo.num,
          time,
          server: m.src,
          serverPort: m.srcPort,
          client: m.dst,
          clientPort: m.dstPort,
          transport: m.data.transport,
          queryTimeMs: rt ? rt.sec * 1000 + rt.nsec / 1e6 : null,
          size: item ? Math.max(0, item.length - (tcp ? 2 : 0)) : null,
          malformed: failed && i === messages.length - 1,
        }),
      );
    });
  }

  render(): string {
    if (this.responses.length === 0) return '\n;; no DNS responses in the capture\n';
    return `\n${this.responses.map((lines) => lines.map((l) => escapeForTerminal(l, false)).join('\n')).join('\n\n')}\n`;
  }
}
