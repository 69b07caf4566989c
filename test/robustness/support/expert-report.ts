/** The entries of a `-z expert` report, to find the line a limit prints when it is reached. */
export interface ExpertEntry {
  readonly severity: string;
  readonly frequency: number;
  readonly group: string;
  readonly protocol: string;
  readonly summary: string;
}

const SECTION = /^(Errors|Warns|Notes|Chats|Comments) \(\d+\)$/;
// Frequency, group (one word) and protocol are right-aligned; two spaces separate the protocol from the summary.
const ENTRY = /^\s*(\d+)\s+(\S+)\s+(.*?)  (.*)$/;

export function expertEntries(report: string): ExpertEntry[] {
  const out: ExpertEntry[] = [];
  let severity = '';
  for (const line of report.split('\n')) {
    const s = SECTION.exec(line);
    if (s) severity = s[1]!;
    const e = severity ? ENTRY.exec(line) : null;
    if (e) out.push({ severity, frequency: Number(e[1]), group: e[2]!, protocol: e[3]!.trim(), summary: e[4]! });
  }
  return out;
}
