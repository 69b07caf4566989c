// Case 5, the library's first pass alone: DissectionSession + dissectCapture
// with no tree (summary columns and cross-frame state for every frame, TCP
// reassembly and all six protocol dissectors), packages imported as the CLI does.
//
// `--up-to network` or `--up-to transport` stops the dissection at that layer
// (cases 5a, 5b): what the layers below the application protocols cost on
// their own, to say where the first pass's time goes.
import { statSync } from 'node:fs';
import { CaptureReader, DissectionSession, defaultRegistry, dissectCapture } from '@netdissect/core';
import { cpuNow, reportInProcess } from './in-process-report.mjs';
import { loadProtocolPackages } from './protocol-packages.mjs';

const [path, flag, upTo] = process.argv.slice(2);
if (flag !== undefined && (flag !== '--up-to' || (upTo !== 'network' && upTo !== 'transport'))) {
  console.error('usage: first-pass.mjs FILE [--up-to network|transport]');
  process.exit(2);
}
const coreProtocols = new Set([...defaultRegistry.all()].map((d) => d.proto));
await loadProtocolPackages();

/** Protocols called above TCP and UDP: the packages' and the core's payload dissectors. */
function aboveTransport() {
  const payload = new Set(['data', 'data-text-lines', 'mime_multipart', 'media']);
  return [...defaultRegistry.all()].map((d) => d.proto).filter((p) => payload.has(p) || !coreProtocols.has(p));
}

let skip;
if (upTo === 'network') skip = new Set(['tcp', 'udp']);
if (upTo === 'transport') {
  skip = new Set(aboveTransport());
  // A skipped protocol's heuristic would still look at unclaimed payloads.
  for (const list of ['tcp', 'udp']) for (const h of defaultRegistry.heuristicList(list)) h.enabled = false;
}

const cpu0 = cpuNow();
const t0 = process.hrtime.bigint();
const session = new DissectionSession({ skip });
const reader = await CaptureReader.open(path);
let columnChars = 0;
const packets = await dissectCapture(reader, session, { tree: null }, (frame) => {
  // Read the summary columns, so a lazily built column is paid for here.
  columnChars += frame.pinfo.cols.protocol.length + frame.pinfo.cols.info.length;
});
reportInProcess({ packets, bytes: statSync(path).size, t0, cpu0, extra: { columnChars } });
