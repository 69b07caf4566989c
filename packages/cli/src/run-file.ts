import { CaptureReader, DissectionSession, dissectCapture, TreeContext, type RawPacket } from '@netdissect/core';
import type { CliOptions } from './cli-options.js';
import { FieldsWriter } from './output/fields-writer.js';
import type { OutputStream } from './output/output-stream.js';
import { summaryLine, type TimeReference } from './output/summary-line.js';
import { createStats, type StatsOutput } from './stats/stats-request.js';

/** Preferences tshark users pass with -o that we honour or knowingly ignore. */
function sessionPrefs(o: CliOptions): Record<string, string | number | boolean> {
  const prefs: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(o.prefs)) prefs[k] = v === 'TRUE' || v === 'true' ? true : v === 'FALSE' || v === 'false' ? false : v;
  return prefs;
}

/** Read a capture file and print it as tshark would (summary lines or -T fields). */
export async function runFile(o: CliOptions, out: OutputStream): Promise<void> {
  const reader = await CaptureReader.open(o.readFile === '-' ? process.stdin : o.readFile!);
  const session = new DissectionSession({ prefs: sessionPrefs(o), limits: o.limits });
  // Statistics listen on the pass that prints (the second with -2), as tshark's taps do.
  let stats: StatsOutput[] = [];
  const attachStats = (): void => {
    stats = o.stats.map((z) => createStats(z, session));
  };
  if (!o.twoPass) attachStats();
  let ref: TimeReference | null = null;
  const timeRef = (raw: RawPacket): TimeReference => (ref ??= raw.hasTimestamp === false ? { sec: 0, nsec: 0 } : { sec: raw.tsSec, nsec: raw.tsNsec });
  try {
    if (o.format === 'fields') {
      const writer = new FieldsWriter(o.fieldOptions, o.fields);
      if (o.fieldOptions.header) out.line(writer.header());
      await dissectCapture(reader, session, { tree: writer.tree, twoPass: o.twoPass, maxFrames: o.count ?? undefined, beforeSecondPass: attachStats }, (f, raw) => {
        timeRef(raw);
        out.line(writer.line(f.tree!, { Protocol: f.pinfo.cols.protocol, Info: f.pinfo.cols.info }));
        return !out.closed;
      });
    } else {
      await dissectCapture(reader, session, { tree: null, twoPass: o.twoPass, maxFrames: o.count ?? undefined, beforeSecondPass: attachStats }, (f, raw) => {
        if (!o.quiet) out.line(summaryLine(f, raw, timeRef(raw)));
        return !out.closed;
      });
    }
  } finally {
    await reader.close();
    // tshark draws its taps in reverse order of registration.
    for (const st of [...stats].reverse()) out.write(st.render());
  }
}

export { TreeContext };
