import { defaultLimits } from '@netdissect/core';
import { DEFAULT_QUEUE_LIMITS } from '@netdissect/live';
import { UsageError } from './usage-error.js';

/** Every --limit NAME and its default: the dissection limits, then the live-capture queue. */
export function limitDefaults(): Record<string, number> {
  return { ...defaultLimits, liveQueuePackets: DEFAULT_QUEUE_LIMITS.packets, liveQueueBytes: DEFAULT_QUEUE_LIMITS.bytes };
}

/** The "Limits" block of --help, generated so it never drifts from the code. */
export function limitsHelp(): string {
  const d = limitDefaults();
  const width = Math.max(...Object.keys(d).map((k) => k.length));
  return Object.entries(d)
    .map(([k, v]) => `  ${k.padEnd(width)}  default ${v}`)
    .join('\n');
}

/** Parse one --limit NAME=N, refusing names that limit nothing. */
export function parseLimit(arg: string): [string, number] {
  const m = /^([a-zA-Z]+)=(\d+)$/.exec(arg);
  if (!m) throw new UsageError(`invalid --limit "${arg}"; expected NAME=NUMBER (see netdissect --help)`);
  const name = m[1]!;
  if (!(name in limitDefaults())) throw new UsageError(`unknown limit "${name}"; known limits: ${Object.keys(limitDefaults()).join(', ')}`);
  return [name, Number(m[2])];
}
