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

const NETWORK_FIELDS = ['ip', 'ip.src', 'ip.dst', 'ipv6', 'ipv6.src', 'ipv6.dst'];
/** Per layer: its header's items, the IP headers TCP and UDP take addresses from, and ICMP's (whose quoted packet is skipped). */
const FIELDS: Record<AddressLayer, readonly string[]> = {
  eth: ['eth', 'eth.src', 'eth.dst', 'icmp', 'icmpv6'],
  ip: [...NETWORK_FIELDS, 'icmp', 'icmpv6'],
  ipv6: [...NETWORK_FIELDS, 'icmp', 'icmpv6'],
  tcp: [...NETWORK_FIELDS, 'tcp', 'tcp.srcport', 'tcp.dstport', 'tcp.stream', 'icmp', 'icmpv6'],
  udp: [...NETWORK_FIELDS, 'udp', 'udp.srcport', 'udp.dstport', 'icmp', 'icmpv6'],
};

/** The tree fields `layer`'s records are read from (core emits no such taps; they are derived from the tree). */
export function addressTapFields(layer: AddressLayer): FieldDef[] {
  return fieldDefs(FIELDS[layer]);
}

/** ip.src/ip.dst hold the address as a number; Ethernet and IPv6 addresses are their bytes. */
function address(node: FieldNode, type: AddressType): Address {
  const v = node.resolvedValue;
  return type === AddressType.IPv4 ? Address.ipv4(v as number) : new Address(type, (v as Uint8Array).slice());
}

function hasAddress(node: FieldNode | null, type: AddressType): node is FieldNode {
  const v = node?.resolvedValue;
  return type === AddressType.IPv4 ? typeof v === 'number' : v instanceof Uint8Array;
}

function child(proto: FieldNode, abbrev: string): FieldNode | null {
  for (const c of proto.children ?? []) if (c.def?.abbrev === abbrev) return c;
  return null;
}

/** A header's source and destination items, when both hold an address. */
class AddressPair {
  private constructor(
    private readonly src: FieldNode,
    private readonly dst: FieldNode,
    private readonly type: AddressType,
  ) {}

  static of(proto: FieldNode, src: string, dst: string, type: AddressType): AddressPair | null {
    const s = child(proto, src);
    const d = child(proto, dst);
    return hasAddress(s, type) && hasAddress(d, type) ? new AddressPair(s, d, type) : null;
  }

  /** The addresses, made only for the records asked for. */
  addresses(): [Address, Address] {
    return [address(this.src, this.type), address(this.dst, this.type)];
  }
}

function port(proto: FieldNode, abbrev: string): number | null {
  const v = child(proto, abbrev)?.value;
  return typeof v === 'number' ? v : null;
}

/**
 * The `layer` header records of one frame, in the order the headers occur,
 * from a tree pruned to addressTapFields(layer): each kept protocol item holds
 * its own fields; headers quoted in an ICMP error are not counted, as
 * tshark's taps skip error packets. A header missing its fields (cut
 * short) gives no record, as a dissector that threw gives no tap. TCP and
 * UDP after the last IP header take the frame's final addresses, as
 * Wireshark's do from pinfo (an IPv6 routing header changes the
 * destination). Only the records asked for are made: this runs per frame.
 */
export function addressTapRecords(f: DissectedFrame, layer: AddressLayer): AddressTapRecord[] {
  const tree = f.tree;
  const out: AddressTapRecord[] = [];
  // TCP/UDP records wait for the frame's last IP header: their addresses depend on it.
  const transport: Array<{ net: AddressPair; after: number; srcPort: number; dstPort: number; stream: number | null }> = [];
  let networks = 0;
  let net: AddressPair | null = null;
  const visit = (items: readonly FieldNode[]): void => {
    for (const item of items) {
      switch (item.def?.abbrev) {
        case 'eth': {
          if (layer !== 'eth') break;
          const p = AddressPair.of(item, 'eth.src', 'eth.dst', AddressType.ETHER);
          if (p) out.push(record('eth', p.addresses(), 0, 0, null));
          break;
        }
        case 'ip':
        case 'ipv6': {
          const v6 = item.def.abbrev === 'ipv6';
          const p = v6 ? AddressPair.of(item, 'ipv6.src', 'ipv6.dst', AddressType.IPv6) : AddressPair.of(item, 'ip.src', 'ip.dst', AddressType.IPv4);
          if (p) {
            net = p;
            networks++;
            if (layer === item.def.abbrev) out.push(record(layer, p.addresses(), 0, 0, null));
          }
          break;
        }
        case 'tcp': {
          if (layer !== 'tcp') break;
          const sp = port(item, 'tcp.srcport');
          const dp = port(item, 'tcp.dstport');
          const stream = port(item, 'tcp.stream');
          if (net && sp !== null && dp !== null && stream !== null) transport.push({ net, after: networks, srcPort: sp, dstPort: dp, stream });
          break;
        }
        case 'udp': {
          if (layer !== 'udp') break;
          const sp = port(item, 'udp.srcport');
          const dp = port(item, 'udp.dstport');
          if (net && sp !== null && dp !== null) transport.push({ net, after: networks, srcPort: sp, dstPort: dp, stream: null });
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
  if (transport.length === 0) return out;
  const { src, dst } = f.pinfo;
  const ip = (a: Address): boolean => a.type === AddressType.IPv4 || a.type === AddressType.IPv6;
  const final: [Address, Address] | null = ip(src) && ip(dst) ? [src, dst] : null;
  for (const t of transport) {
    const addresses = final !== null && t.after === networks ? final : t.net.addresses();
    out.push(record(layer, addresses, t.srcPort, t.dstPort, t.stream));
  }
  return out;
}

function record(layer: AddressLayer, [src, dst]: [Address, Address], srcPort: number, dstPort: number, stream: number | null): AddressTapRecord {
  return { layer, src, dst, srcPort, dstPort, stream };
}
