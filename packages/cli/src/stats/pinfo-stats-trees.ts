import { PortType, type DissectedFrame, type DissectionSession, type PacketInfo, type RawPacket } from '@netdissect/core';
import type { TreeNeeds } from '../output/frame-printer.js';
import { relativeMs } from './frame-clock.js';
import { filterNeeds, type StatsFilter } from './stats-filter.js';
import type { StatsOutput } from './stats-request.js';
import { StatsTree, type StatsTreeNode } from './stats-tree.js';
import { statsTreeText } from './stats-tree-text.js';

/**
 * The generic stats trees of Wireshark's stats_tree plugin
 * (pinfo_stats_tree.c): addresses, protocol types, destinations and ports
 * from the "ip" and "ipv6" taps, packet lengths from the "frame" tap. They
 * read what the packet info holds once the whole frame is dissected (the
 * innermost addresses and ports, as a tap listener sees them).
 */
export type PinfoStatsName = 'ip_hosts' | 'ip_srcdst' | 'ptype' | 'dests' | 'ipv6_hosts' | 'ipv6_srcdst' | 'ipv6_ptype' | 'ipv6_dests' | 'plen';

export const PINFO_STATS_NAMES: readonly PinfoStatsName[] = ['ip_hosts', 'ip_srcdst', 'ptype', 'dests', 'ipv6_hosts', 'ipv6_srcdst', 'ipv6_ptype', 'ipv6_dests', 'plen'];

/** port_type_to_str for the port types netdissect sets. */
function portTypeName(t: PortType): string {
  switch (t) {
    case PortType.TCP: return 'TCP';
    case PortType.UDP: return 'UDP';
    case PortType.SCTP: return 'SCTP';
    default: return 'NONE';
  }
}

/** The default packet-length ranges of the plugin's UAT. */
const PACKET_LENGTH_RANGES: ReadonlyArray<readonly [string, number, number]> = [
  ['0-19', 0, 19], ['20-39', 20, 39], ['40-79', 40, 79], ['80-159', 80, 159], ['160-319', 160, 319],
  ['320-639', 320, 639], ['640-1279', 640, 1279], ['1280-2559', 1280, 2559], ['2560-5119', 2560, 5119],
  ['5120 and greater', 5120, 0x7fffffff],
];

/** One statistic: the tap it listens on, its tree, and what one tap event adds. */
interface PinfoStatistic {
  readonly tap: 'ip' | 'ipv6' | 'frame';
  readonly tree: StatsTree;
  packet(pinfo: PacketInfo, raw: RawPacket): void;
}

const ipTap = (version: '4' | '6'): 'ip' | 'ipv6' => (version === '4' ? 'ip' : 'ipv6');

/** A tree of one topic node ("IPv4 Statistics/All Addresses"), counted once per header and then by `count`. */
function topicStatistic(version: '4' | '6', topic: string, count: (tree: StatsTree, node: StatsTreeNode, pinfo: PacketInfo) => void): PinfoStatistic {
  const name = `IPv${version} Statistics/${topic}`;
  const tree = new StatsTree(name);
  const node = tree.createNode(name, tree.root, true);
  return {
    tap: ipTap(version),
    tree,
    packet(pinfo) {
      tree.tick(name);
      count(tree, node, pinfo);
    },
  };
}

const hosts = (version: '4' | '6'): PinfoStatistic =>
  topicStatistic(version, 'All Addresses', (tree, all, pinfo) => {
    tree.tick(pinfo.netSrc.toString(), all);
    tree.tick(pinfo.netDst.toString(), all);
  });

const destinationsAndPorts = (version: '4' | '6'): PinfoStatistic =>
  topicStatistic(version, 'Destinations and Ports', (tree, root, pinfo) => {
    const host = tree.tick(pinfo.netDst.toString(), root, true);
    const proto = tree.tick(portTypeName(pinfo.ptype), host, true);
    tree.tick(String(pinfo.dstport), proto, true);
  });

function sourcesAndDestinations(version: '4' | '6'): PinfoStatistic {
  const tree = new StatsTree(`IPv${version} Statistics/Source and Destination Addresses`);
  const srcName = `Source IPv${version} Addresses`;
  const dstName = `Destination IPv${version} Addresses`;
  const src = tree.createNode(srcName, tree.root, true);
  const dst = tree.createNode(dstName, tree.root, true);
  return {
    tap: ipTap(version),
    tree,
    packet(pinfo) {
      tree.tick(srcName);
      tree.tick(pinfo.netSrc.toString(), src);
      tree.tick(dstName);
      tree.tick(pinfo.netDst.toString(), dst);
    },
  };
}

function protocolTypes(version: '4' | '6'): PinfoStatistic {
  const tree = new StatsTree(`IPv${version} Statistics/IP Protocol Types`);
  const pivot = tree.createPivot(tree.title);
  return {
    tap: ipTap(version),
    tree,
    packet(pinfo) {
      tree.tickPivot(pivot, portTypeName(pinfo.ptype));
    },
  };
}

function packetLengths(): PinfoStatistic {
  const name = 'Packet Lengths';
  const tree = new StatsTree(name);
  const node = tree.createRangeNode(name, PACKET_LENGTH_RANGES);
  return {
    tap: 'frame',
    tree,
    packet(_pinfo, raw) {
      tree.tick(name);
      // stats_tree_tick_range takes an int: a length past 2^31 counts as negative, in no range.
      tree.tickRange(node, raw.len | 0);
    },
  };
}

function statistic(name: PinfoStatsName): PinfoStatistic {
  switch (name) {
    case 'ip_hosts': return hosts('4');
    case 'ipv6_hosts': return hosts('6');
    case 'ip_srcdst': return sourcesAndDestinations('4');
    case 'ipv6_srcdst': return sourcesAndDestinations('6');
    case 'ptype': return protocolTypes('4');
    case 'ipv6_ptype': return protocolTypes('6');
    case 'dests': return destinationsAndPorts('4');
    case 'ipv6_dests': return destinationsAndPorts('6');
    case 'plen': return packetLengths();
  }
}

/** -z NAME,tree[,FILTER] for the statistics above. */
export class PinfoStatsTreeOutput implements StatsOutput {
  readonly needs: TreeNeeds | undefined;
  private readonly stat: PinfoStatistic;
  /** IP headers the tap saw in the current frame (a tunnel or an ICMP error's quoted packet adds one). */
  private tapped = 0;

  constructor(name: PinfoStatsName, private readonly session: DissectionSession, private readonly filter: StatsFilter | null) {
    this.stat = statistic(name);
    this.needs = filterNeeds(filter);
    // tap.c hands listeners no tap queued inside an ICMP error's quoted packet.
    if (this.stat.tap !== 'frame') session.addTap(this.stat.tap, (pinfo) => { if (!pinfo.inErrorPacket) this.tapped++; });
  }

  frame(f: DissectedFrame, raw: RawPacket): void {
    // The frame tap is queued at the frame's end: still inside an error packet when the quoted packet threw, and then not handed on.
    const n = this.stat.tap === 'frame' ? (f.pinfo.inErrorPacket ? 0 : 1) : this.tapped;
    this.tapped = 0;
    if (n === 0 || (this.filter && !this.filter.test(f.tree))) return;
    const nowMs = relativeMs(raw, this.session);
    for (let i = 0; i < n; i++) {
      this.stat.tree.beginPacket(nowMs);
      this.stat.packet(f.pinfo, raw);
    }
  }

  render(): string {
    return statsTreeText(this.stat.tree);
  }
}
