import { resolve } from 'node:path';
import {
  defaultRegistry,
  DissectionSession,
  dissectCapture,
  exportObjectsProvider,
  fieldRegistry,
  holdsLayerOf,
  layersToPassFilter,
  PcapngWriter,
  PcapWriter,
  protocolsOutsideShownFrames,
  type DissectedFrame,
  type FieldDef,
  type PacketInfo,
  type PacketSource,
  type RawPacket,
} from '@netdissect/core';
import type { CliOptions } from './cli-options.js';
import { compileDisplayFilter } from './display-filter.js';
import { ExportObjectsWriter, parseExportRequest, type ExportRequest } from './export/export-objects-writer.js';
import { DetailsPrinter } from './output/details-printer.js';
import { FieldsWriter } from './output/fields-writer.js';
import type { FramePrinter, TreeNeeds } from './output/frame-printer.js';
import { JsonPrinter } from './output/json-printer.js';
import { JsonlPrinter } from './output/jsonl-printer.js';
import type { OutputStream } from './output/output-stream.js';
import { SummaryPrinter, type TimeReference } from './output/summary-line.js';
import { protocolsToSkip, treeContextFor } from './output/tree-needs.js';
import { parseStatsRequest, type StatsOutput } from './stats/stats-request.js';
import { UsageError } from './usage-error.js';

/** Preferences tshark users pass with -o, typed as the dissectors read them. */
function makePrinter(o: CliOptions, out: OutputStream): FramePrinter | null {
  if (o.quiet) return null;
  switch (o.format) {
    case 'fields': return new FieldsWriter(o.fieldOptions, o.fields, out);
    case 'json': return new JsonPrinter(out, o.fieldOptions, o.fields);
    case 'jsonl': return new JsonlPrinter(out);
    default:
    {
      const details = o.verbose || o.onlyProtocols !== null;
      // Writing a file prints nothing per packet unless asked for (-P, -V, -x), as tshark.
      if (o.writeFile && !o.printSummary && !details && !o.hex) return null;
      const summary = o.printSummary || (!details && !o.hex);
      if (details || o.hex) return new DetailsPrinter(out, { summary, details, hex: o.hex, onlyProtocols: o.onlyProtocols });
      return new SummaryPrinter(out);
    }
  }
}

/**
 * The protocols --export-objects reads, as the tree needs of their
 * protocol items; null when a provider does not say (nothing is skipped).
 */
function exportedProtocols(requests: readonly ExportRequest[]): TreeNeeds[] | null {
  const defs: FieldDef[] = [];
  for (const r of requests) {
    const protocols = exportObjectsProvider(r.protocol)?.protocols;
    if (protocols === undefined) return null;
    for (const p of protocols) defs.push(...(fieldRegistry.lookup(p) ?? []));
  }
  return defs.length ? [{ kind: 'fields', defs, labels: false }] : [];
}

/** Where -w writes: frames that pass the display filter, in a pcapng or pcap file. */
async function openCaptureWriter(o: CliOptions): Promise<PcapngWriter | PcapWriter | null> {
  if (!o.writeFile) return null;
  try {
    return await (o.writeFormat === 'pcap' ? PcapWriter.open(o.writeFile) : PcapngWriter.open(o.writeFile));
  } catch (err) {
    // A path that cannot be created is the user's to fix (tshark: status 2 too).
    if ((err as NodeJS.ErrnoException).code !== undefined) throw new UsageError(`${JSON.stringify(o.writeFile)} could not be written: ${(err as Error).message}`);
    throw err;
  }
}

/** Where the Time column counts from: the first frame read, shown or not. */
function timeReferenceOf(raw: RawPacket): TimeReference {
  return raw.hasTimestamp === false ? { sec: 0, nsec: 0 } : { sec: raw.tsSec, nsec: raw.tsNsec };
}

export interface CaptureRunHooks {
  /** Called for every frame that passes the display filter (the live capture's counters). */
  onFrame?: (raw: RawPacket) => void;
  /** -c counts frames shown rather than frames read (tshark's rule for live capture). */
  countDisplayed?: boolean;
}

/**
 * The one pipeline for files and live interfaces: dissect each frame with
 * the tree its consumers need, apply -Y, print, write -w, feed -z
 * statistics and --export-objects, and render the statistics at the end
 * (also when the capture turned out damaged, after what could be read).
 */
export async function runCapture(source: PacketSource, o: CliOptions, out: OutputStream, hooks: CaptureRunHooks = {}): Promise<void> {
  const printer = makePrinter(o, out);
  const requests = o.stats.map(parseStatsRequest);
  // Statistics that read fields and their own protocols only (StatsRequest.readsOnly) count as -T fields does.
  const statsFields = requests.flatMap((r) => (r.readsOnly ? [r.readsOnly] : []));
  const statsReadFieldsOnly = statsFields.length === requests.length;
  // Building the Info column is a good part of a frame's cost: skip it when no printer reads it (-T fields -e without _ws.col.*).
  const columns = (printer !== null && printer.columns !== false) || !statsReadFieldsOnly;
  const filter = o.displayFilter ? compileDisplayFilter(o.displayFilter) : null;
  const needs: TreeNeeds[] = [...(printer ? [printer.needs] : []), ...(filter ? [filter.needs] : [])];
  // When only fields and exported objects are read (-T fields, -Y, -w, -q --export-objects),
  // protocols none of them can come from are not dissected.
  const exportRequests = o.exportObjects.map(parseExportRequest);
  const exportNeeds = exportedProtocols(exportRequests);
  // Statistics read every frame. With -2 both passes leave the same protocols out.
  const noStats = o.stats.length === 0;
  const fieldsOnly = !columns && statsReadFieldsOnly && exportNeeds !== null;
  // Everything is shown of the frames -Y passes, and of them only: when each holds one of its
  // fields, protocols that can be in no such frame are not dissected (their frames are not shown).
  const shownOnly = !fieldsOnly && noStats && exportRequests.length === 0 && filter !== null && !filter.passesWithoutFields;
  const shown = shownOnly ? protocolsOutsideShownFrames(defaultRegistry, filter.needs.defs) : null;
  const skip = fieldsOnly ? protocolsToSkip([...needs, ...exportNeeds, ...statsFields]) : shown?.skip;
  const session = new DissectionSession({ prefs: o.prefs, limits: o.limits, columns, skip, skipUnlessAfter: shown?.keepAfter });
  if (filter) session.trackDisplayedFrames();
  const exportDirs = new Set<string>();
  const exporters = exportRequests.map((r) => {
    const dir = resolve(r.dir);
    const shared = exportDirs.has(dir);
    exportDirs.add(dir);
    return new ExportObjectsWriter(r, session, shared);
  });
  // Statistics listen on the pass that prints (the second with -2), as tshark's taps do.
  let stats: StatsOutput[] = o.twoPass ? [] : requests.map((r) => r.create(session));
  const statsNeeds = (): TreeNeeds[] => stats.flatMap((s) => (s.needs ? [s.needs] : []));
  let tree = treeContextFor([...needs, ...statsNeeds()]);
  const writer = await openCaptureWriter(o);
  const toWrite: RawPacket[] = [];
  let ref: TimeReference | null = null;
  let displayed = 0;
  printer?.begin();
  // -2 -Y: as in the TUI's filter pass, the second pass leaves out frames whose first-pass
  // layers name none of the protocols the filter's fields come under, when no frame passes
  // without one of them. Statistics and exported objects read every frame: not with them.
  const secondPassLayers =
    o.twoPass && filter !== null && noStats && exportRequests.length === 0 ? layersToPassFilter(filter.needs.defs, filter.passesWithoutFields) : null;
  const secondPassNeeds =
    secondPassLayers === null
      ? undefined
      : (pinfo: PacketInfo): boolean => {
          // The first frame may be left out: the Time column's reference is taken here.
          ref ??= timeReferenceOf(pinfo.raw);
          return pinfo.revisitRegardlessOfLayers || holdsLayerOf(pinfo.layers, secondPassLayers);
        };
  const onFrame = (f: DissectedFrame, raw: RawPacket): boolean => {
    ref ??= timeReferenceOf(raw);
    for (const st of stats) st.frame?.(f, raw);
    if (filter && !(f.tree && filter.test(f.tree))) return !out.closed;
    if (filter) session.markDisplayed(raw);
    printer?.frame(f, raw, ref);
    if (o.lineBuffered) out.flush();
    if (writer) toWrite.push(raw);
    hooks.onFrame?.(raw);
    if (hooks.countDisplayed && o.count !== null && ++displayed >= o.count) return false;
    return !out.closed;
  };
  try {
    await dissectCapture(
      source,
      session,
      {
        get tree() {
          return tree;
        },
        twoPass: o.twoPass,
        secondPassNeeds,
        maxFrames: hooks.countDisplayed ? undefined : (o.count ?? undefined),
        beforeSecondPass: () => {
          stats = requests.map((r) => r.create(session));
          tree = treeContextFor([...needs, ...statsNeeds()]);
        },
        afterBatch:
          writer || exporters.length
            ? async () => {
                if (writer && toWrite.length) await writer.writeBatch(toWrite.splice(0));
                for (const e of exporters) await e.keepUp();
              }
            : undefined,
      },
      onFrame,
    );
  } finally {
    printer?.end();
    if (writer) {
      if (toWrite.length) await writer.writeBatch(toWrite.splice(0));
      await writer.close();
    }
    for (const e of exporters) await e.finish();
    await source.close();
    // tshark draws its taps in reverse order of registration.
    for (const st of [...stats].reverse()) out.write(st.render());
  }
}
