import { labelOf, NodeFlag, type DissectedFrame, type FieldNode, type RawPacket } from '@netdissect/core';
import type { FramePrinter, TreeNeeds } from './frame-printer.js';
import { hexDumpLines } from './hex-dump.js';
import type { OutputStream } from './output-stream.js';
import { summaryLine, type TimeReference } from './summary-line.js';

export interface TreeTextOptions {
  /** -O: only these protocols are expanded (top level only, as tshark). */
  onlyProtocols: ReadonlySet<string> | null;
  /** With -x the whole frame is dumped afterwards, so Data items are not dumped inline. */
  hexAfter: boolean;
}

/**
 * The details tree as tshark -V prints it: one label per line, four spaces
 * per level, hidden items left out, uninterpreted Data followed by its hex.
 */
export function treeTextLines(frame: DissectedFrame, opts: TreeTextOptions, out: (line: string, rawBytes?: boolean) => void): void {
  const root = frame.tree;
  if (!root?.children) return;
  const visit = (node: FieldNode, level: number): void => {
    if (node.flags & NodeFlag.HIDDEN) return;
    out(' '.repeat(Math.min(level * 4, 512)) + labelOf(node), (node.flags & NodeFlag.RAW_LABEL) !== 0);
    if (level === 0 && opts.onlyProtocols && !(node.def && opts.onlyProtocols.has(node.def.abbrev))) return;
    if (node.def?.abbrev === 'data' && !opts.hexAfter) {
      out('');
      for (const l of hexDumpLines(node.bytes())) out(l);
    }
    if (node.children) for (const c of node.children) visit(c, level + 1);
  };
  for (const c of root.children) visit(c, 0);
}

/** -x: every data source of the frame, named when there are several. */
export function frameHexLines(frame: DissectedFrame, out: (line: string) => void): void {
  const sources = [frame.frameSource, ...frame.pinfo.dataSources];
  for (const src of sources) {
    if (sources.length > 1) out(`${src.name}:`);
    if (src.bytes.length === 0) return;
    for (const l of hexDumpLines(src.bytes)) out(l);
  }
}

/**
 * -V, -O, -x and -P in text mode, laid out as tshark's print_packet: the
 * summary line (-P, or when neither tree nor hex is asked for), the tree,
 * the hex dump, each followed by an empty separator line.
 */
export class DetailsPrinter implements FramePrinter {
  readonly needs: TreeNeeds;
  private readonly onlyProtocols: ReadonlySet<string> | null;

  constructor(
    private readonly out: OutputStream,
    private readonly opts: { summary: boolean; details: boolean; hex: boolean; onlyProtocols: readonly string[] | null },
  ) {
    this.onlyProtocols = opts.onlyProtocols ? new Set(opts.onlyProtocols) : null;
    this.needs = opts.details ? { kind: 'full', labels: true } : { kind: 'none' };
  }

  begin(): void {}

  frame(f: DissectedFrame, raw: RawPacket, ref: TimeReference): void {
    // A label that keeps bytes which are not UTF-8 is written as those bytes, as tshark does.
    const line = (s: string, rawBytes = false): void => (rawBytes ? this.out.writeValues(s + '\n') : this.out.line(s));
    if (this.opts.summary) line(summaryLine(f, raw, ref));
    if (this.opts.details) {
      treeTextLines(f, { onlyProtocols: this.onlyProtocols, hexAfter: this.opts.hex }, line);
      if (!this.opts.hex) line('');
    }
    if (this.opts.hex) {
      if (this.opts.summary || this.opts.details) line('');
      frameHexLines(f, line);
      line('');
    }
  }

  end(): void {}
}
