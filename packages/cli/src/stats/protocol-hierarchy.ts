import type { DissectedFrame, RawPacket } from '@netdissect/core';
import { UsageError } from '../usage-error.js';
import { left } from './c-format.js';
import type { StatsOutput } from './stats-request.js';
import { optionalStatsFilter, type StatsFilter } from './stats-filter.js';

/** One protocol at one place in the hierarchy: how many frames and bytes went through it. */
export interface ProtocolHierarchyNode {
  /** Filter name of the protocol ("eth", "tcp.segments", "data-text-lines"). */
  readonly protocol: string;
  frames: number;
  bytes: number;
  readonly children: ProtocolHierarchyNode[];
}

/** Abbreviation of a top-level tree item; text-only items are Wireshark's "text" field. */
function itemName(abbrev: string | undefined): string {
  return abbrev ?? 'text';
}

/**
 * Protocol Hierarchy Statistics (io,phs): the top-level items of each
 * frame's tree, one below the other, counted as a path from the root.
 * Children keep the order in which they were first seen.
 */
export class ProtocolHierarchy {
  readonly roots: ProtocolHierarchyNode[] = [];

  /** Count one frame whose top-level protocols are `path`, `wireLength` bytes long. */
  add(path: readonly string[], wireLength: number): void {
    let level = this.roots;
    for (const protocol of path) {
      let node = level.find((n) => n.protocol === protocol);
      if (!node) level.push((node = { protocol, frames: 0, bytes: 0, children: [] }));
      node.frames++;
      node.bytes += wireLength;
      level = node.children;
    }
  }
}

/** tshark's "-z io,phs" table. */
export function protocolHierarchyText(phs: ProtocolHierarchy, filter: string): string {
  let out = '\n===================================================================\nProtocol Hierarchy Statistics\n';
  out += `Filter: ${filter}\n\n`;
  const draw = (nodes: readonly ProtocolHierarchyNode[], depth: number): void => {
    for (const n of nodes) {
      let indent = '';
      for (let i = 0; i < depth; i++) {
        if (i > 15) {
          indent += '...';
          break;
        }
        indent += '  ';
      }
      // tshark builds the label in an 80-byte buffer.
      out += `${left((indent + n.protocol).slice(0, 79), 40)} frames:${n.frames} bytes:${n.bytes}\n`;
      draw(n.children, depth + 1);
    }
  };
  draw(phs.roots, 0);
  return out + '===================================================================\n';
}

/** "io,phs" or "io,phs,FILTER": the filter and its text as the table's "Filter:" line shows it. */
export function parseProtocolHierarchy(arg: string): { filter: StatsFilter | null; text: string } {
  if (arg === 'io,phs') return { filter: null, text: '' };
  if (!arg.startsWith('io,phs,')) throw new UsageError('invalid "-z io,phs[,<filter>]" argument');
  const text = arg.slice('io,phs,'.length);
  return { filter: optionalStatsFilter('io,phs', text), text };
}

/**
 * The io,phs statistic. The "frame" item is only in Wireshark's tree when
 * the tree is shown (-V, JSON) or the filter reads a frame field, so it
 * is counted only then.
 */
export class ProtocolHierarchyOutput implements StatsOutput {
  readonly needs = { kind: 'full', labels: false } as const;
  readonly model = new ProtocolHierarchy();
  private readonly filterReadsFrame: boolean;

  constructor(private readonly filter: StatsFilter | null, private readonly filterText: string) {
    this.filterReadsFrame = filter?.fields.some((d) => d.proto === 'frame') ?? false;
  }

  frame(f: DissectedFrame, raw: RawPacket): void {
    const tree = f.tree;
    if (!tree?.children) return;
    if (this.filter && !this.filter.test(tree)) return;
    const withFrame = tree.ctx.labels || this.filterReadsFrame;
    const path: string[] = [];
    for (const item of tree.children) {
      const name = itemName(item.def?.abbrev);
      if (name === 'frame' && !withFrame) continue;
      path.push(name);
    }
    this.model.add(path, raw.len);
  }

  render(): string {
    return protocolHierarchyText(this.model, this.filterText);
  }
}
