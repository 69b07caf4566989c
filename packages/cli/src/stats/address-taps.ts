import { Address, AddressType, type DissectedFrame, type FieldDef, type FieldNode } from '@netdissect/core';
import { fieldDefs } from './tree-items.js';

/** The layers conversations and endpoints can be counted at (tshark's -z conv,TYPE). */
export type AddressLayer = 'eth' | 'ip' | 'ipv6' | 'tcp' | 'udp';

/**
 * What one of tshark's "eth", "ip", "ipv6", "tcp" or "udp" taps reports for
 * one header: its addresses, and for TCP/UDP the ports and the addresses
 * of the IP header that carries it.
 */
export interface AddressTapRecord {
  readonly layer: AddressLayer;
  readonly src: Address;
  readonly dst: Address;
  readonly srcPort: number;
  readonly dstPort: number;
  /** tcp.stream: TCP conversations with the same ports but another stream are separate rows. */
  readonly stream: number | null;
}

const FIELDS = [
  'eth', 'eth.src', 'eth.dst',
  'ip', 'ip.src', 'ip.dst',
  'ipv6', 'ipv6.src', 'ipv6.dst',
  'tcp', 'tcp.srcport', 'tcp.dstport', 'tcp.stream',
  'udp', 'udp.srcport', 'udp.dstport',
  'icmp', 'icmpv6',
];

/** The tree fields the headers are read from (core emits no such taps; they are derived from the tree). */
export function addressTapFields(): FieldDef[] {
  return fieldDefs(FIELDS);
}

/** ip.src/ip.dst hold the address as a number; Ethernet and IPv6 addresses are their bytes. */
function address(node: FieldNode, type: AddressType): Address | null {
  const v = node.resolvedValue;
  if (type === AddressType.IPv4) return typeof v === 'number' ? Address.ipv4(v) : null;
  return v instanceof Uint8Array ? new Address(type, v.slice()) : null;
}

function child(proto: FieldNode, abbrev: string): FieldNode | null {
  for (const c of proto.children ?? []) if (c.def?.abbrev === abbrev) return c;
  return null;
}

function pair(proto: FieldNode, src: string, dst: string, type: AddressType): [Address, Address] | null {
  const s = child(proto, src);
  const d = child(proto, dst);
  if (!s || !d) return null;
  const a = address(s, type);
  const b = address(d, type);
  return a && b ? [a, b] : null;
}

function port(proto: FieldNode, abbrev: string): number | null {
  const v = child(proto, abbrev)?.value;
  return typeof v === 'number' ? v : null;
}

/**
 * The header records of one frame, in the order the headers occur, from a
 * tree pruned to addressTapFields(): each kept protocol item holds its own
 * fields; headers quoted in an ICMP error are not counted, as tshark's
 * taps skip error packets. A header missing its fields (cut short) gives
 * no record, as a dissector that threw gives no tap. TCP and UDP after the
 * last IP header take the frame's final addresses, as Wireshark's do from
 * pinfo (an IPv6 routing header changes the destination).
 */
export function addressTapRecords(f: DissectedFrame): AddressTapRecord[] {
  const tree = f.tree;
  const out: AddressTapRecord[] = [];
  let lastNetwork = -1;
  let net: [Address, Address] | null = null;
  const visit = (items: readonly FieldNode[]): void => {
    for (const item of items) {
      switch (item.def?.abbrev) {
        case 'eth': {
          const p = pair(item, 'eth.src', 'eth.dst', AddressType.ETHER);
          if (p) out.push({ layer: 'eth', src: p[0], dst: p[1], srcPort: 0, dstPort: 0, stream: null });
          break;
        }
        case 'ip':
        case 'ipv6': {
          const v6 = item.def.abbrev === 'ipv6';
          const p = v6 ? pair(item, 'ipv6.src', 'ipv6.dst', AddressType.IPv6) : pair(item, 'ip.src', 'ip.dst', AddressType.IPv4);
          if (p) {
            net = p;
            lastNetwork = out.length;
            out.push({ layer: v6 ? 'ipv6' : 'ip', src: p[0], dst: p[1], srcPort: 0, dstPort: 0, stream: null });
          }
          break;
        }
        case 'tcp': {
          const sp = port(item, 'tcp.srcport');
          const dp = port(item, 'tcp.dstport');
          const stream = port(item, 'tcp.stream');
          if (net && sp !== null && dp !== null && stream !== null) out.push({ layer: 'tcp', src: net[0], dst: net[1], srcPort: sp, dstPort: dp, stream });
          break;
        }
        case 'udp': {
          const sp = port(item, 'udp.srcport');
          const dp = port(item, 'udp.dstport');
          if (net && sp !== null && dp !== null) out.push({ layer: 'udp', src: net[0], dst: net[1], srcPort: sp, dstPort: dp, stream: null });
          break;
        }
        case 'icmp':
        case 'icmpv6':
          // The packet an ICMP error quotes is an "error packet": tshark's taps skip it.
          continue;
      }
      // A protocol inside another (a tunnel, a quoted packet) is a child of the kept item above it.
      if (item.children) visit(item.children);
    }
  };
  if (tree?.children) visit(tree.children);
  const { src, dst } = f.pinfo;
  const ip = (a: Address): boolean => a.type === AddressType.IPv4 || a.type === AddressType.IPv6;
  if (!ip(src) || !ip(dst)) return out;
  return out.map((r, i) => (i > lastNetwork && (r.layer === 'tcp' || r.layer === 'udp') ? { ...r, src, dst } : r));
}
