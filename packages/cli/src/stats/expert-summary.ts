import { groupNames, Severity, type DissectedFrame, type ExpertItem } from '@netdissect/core';
import type { TreeNeeds } from '../output/frame-printer.js';
import { escapeForTerminal } from '../output/terminal-safety.js';
import { UsageError } from '../usage-error.js';
import { right } from './c-format.js';
import { filterNeeds, optionalStatsFilter, type StatsFilter } from './stats-filter.js';
import type { StatsOutput } from './stats-request.js';

/** Severity levels from most to least severe, with the titles tshark prints. */
export const EXPERT_LEVELS = [
  { severity: Severity.ERROR, name: 'error', title: 'Errors' },
  { severity: Severity.WARN, name: 'warn', title: 'Warns' },
  { severity: Severity.NOTE, name: 'note', title: 'Notes' },
  { severity: Severity.CHAT, name: 'chat', title: 'Chats' },
  { severity: Severity.COMMENT, name: 'comment', title: 'Comments' },
] as const;

/** Wireshark formats an expert message into a 240-byte label buffer: longer ones are cut. */
const MAX_MESSAGE_BYTES = 239;

function clipMessage(s: string): string {
  const b = Buffer.from(s);
  return b.length <= MAX_MESSAGE_BYTES ? s : b.subarray(0, MAX_MESSAGE_BYTES).toString();
}

/** One distinct expert message: how often it occurred and its group. */
export interface ExpertSummaryRow {
  readonly protocol: string;
  readonly summary: string;
  readonly group: number;
  frequency: number;
}

/**
 * Expert information grouped as tshark's "-z expert" shows it: per
 * severity, one row per distinct (protocol, message), in the order first
 * seen, with how many times it occurred.
 */
export class ExpertSummary {
  private readonly bySeverity = new Map<number, ExpertSummaryRow[]>();

  /** `minSeverity`: items below it are not kept (tshark's -z expert,LEVEL). */
  constructor(readonly minSeverity: number = Severity.COMMENT) {}

  add(item: ExpertItem): void {
    if (item.severity < this.minSeverity) return;
    let rows = this.bySeverity.get(item.severity);
    if (!rows) this.bySeverity.set(item.severity, (rows = []));
    const summary = clipMessage(item.summary);
    const row = rows.find((r) => r.protocol === item.protocol && r.summary === summary);
    if (row) row.frequency++;
    else rows.push({ protocol: item.protocol, summary, group: item.group, frequency: 1 });
  }

  rows(severity: number): readonly ExpertSummaryRow[] {
    return this.bySeverity.get(severity) ?? [];
  }
}

/** tshark's "-z expert" tables. */
export function expertSummaryText(summary: ExpertSummary): string {
  let out = '';
  for (const level of EXPERT_LEVELS) {
    const rows = summary.rows(level.severity);
    if (rows.length === 0) continue;
    const total = rows.reduce((n, r) => n + r.frequency, 0);
    out += `\n${level.title} (${total})\n=============\n   Frequency      Group           Protocol  Summary\n`;
    for (const r of rows) {
      const group = groupNames.get(r.group) ?? `Unknown (${r.group})`;
      out += `${right(r.frequency, 12)} ${right(group, 10)} ${right(r.protocol, 18)}  ${escapeForTerminal(r.summary, false)}\n`;
    }
  }
  return out;
}

/** "expert", "expert,LEVEL", "expert,FILTER" or "expert,LEVEL,FILTER" (the level as a case-insensitive prefix, as tshark reads it). */
export function parseExpertRequest(arg: string): { minSeverity: number; filter: StatsFilter | null } {
  if (!arg.startsWith('expert')) throw new UsageError(`invalid -z argument "${arg}"`);
  let rest = arg.slice('expert'.length);
  let minSeverity: number = Severity.COMMENT;
  for (const level of EXPERT_LEVELS) {
    const prefix = `,${level.name}`;
    if (rest.slice(0, prefix.length).toLowerCase() === prefix) {
      minSeverity = level.severity;
      rest = rest.slice(prefix.length);
      break;
    }
  }
  const filterText = rest.startsWith(',') ? rest.slice(1) : null;
  return { minSeverity, filter: optionalStatsFilter('expert', filterText) };
}

/** The expert statistic: every frame's expert items (PacketInfo.experts). */
export class ExpertOutput implements StatsOutput {
  readonly needs: TreeNeeds | undefined;
  readonly summary: ExpertSummary;

  constructor(minSeverity: number, private readonly filter: StatsFilter | null) {
    this.summary = new ExpertSummary(minSeverity);
    this.needs = filterNeeds(filter);
  }

  frame(f: DissectedFrame): void {
    if (this.filter && !this.filter.test(f.tree)) return;
    for (const e of f.pinfo.experts) this.summary.add(e);
  }

  render(): string {
    return expertSummaryText(this.summary);
  }
}
