/**
 * @netdissect/core: capture files, the link/network/transport layers, TCP
 * reassembly, the field tree and the dissection session. Importing it
 * registers the core dissectors in the default registry.
 */
export * from './capture/index.js';
export * from './fields/field-types.js';
export * from './fields/field-def.js';
export * from './fields/field-node.js';
export * from './fields/ascii-decoding.js';
export * from './fields/utf8-decoding.js';
export * from './fields/field-group.js';
export * from './fields/field-value-format.js';
export * from './fields/time-format.js';
export * from './fields/format-text.js';
export * from './fields/raw-byte-strings.js';
export * from './fields/proto-tree-items.js';
export * from './dissection/data-source.js';
export * from './dissection/tvb.js';
export * from './dissection/dissector-errors.js';
export * from './dissection/address.js';
export * from './dissection/columns.js';
export * from './dissection/packet-info.js';
export * from './dissection/dissector.js';
export * from './dissection/dissector-registry.js';
export * from './dissection/conversation-table.js';
export * from './dissection/expert.js';
export * from './dissection/limits.js';
export * from './dissection/limit-experts.js';
export * from './dissection/session.js';
export * from './dissection/unread-protocols.js';
export * from './dissection/field-layers.js';
export * from './dissection/capture-dissector.js';
export * from './dissection/show-exception.js';
export * from './dissection/credentials.js';
export * from './dissection/export-objects.js';
export * from './dissection/tvb-line-end.js';
export * from './dissection/tls-cleartext-decline.js';
export * from './dissection/tls-handoff.js';
export * from './dissection/unfinished-line-memo.js';
export * from './dissection/ascii-text.js';
export * from './dissection/glib-base64.js';
export * from './dissection/tvb-uncompress.js';
export * from './dissection/paged-column.js';
export * from './media/media-info.js';
export * from './media/media-type-table.js';
export * from './media/mime-header.js';
export * from './media/mime-field-end.js';
export * from './media/nesting-depth.js';
export * from './media/media-fallback.js';
export * from './media/text-lines.js';
export * from './media/multipart.js';
export * from './reassembly/fragment-head.js';
export { FragmentTable } from './reassembly/fragment-table.js';
export * from './reassembly/fragment-tree.js';
export * from './reassembly/reassembled-bytes.js';
export * from './transport/tcp-info.js';
export * from './transport/tcp-dissect-pdus.js';
export { decodeTcpPorts } from './transport/tcp-reassembler.js';
export * from './transport/transport-info-text.js';
export type { TcpFollowData } from './transport/tcp.js';
export type { UdpInfo, UdpFollowData } from './transport/udp.js';
export * from './follow/follow-record.js';
export * from './follow/tcp-follower.js';
export * from './follow/udp-follower.js';
export * from './follow/tcp-connections.js';
export * from './network/dns-name-expansion.js';
export type { EchoTransaction } from './network/echo-transactions.js';
export type { Ipv4Header } from './network/ipv4.js';
export type { Ipv6Header } from './network/ipv6.js';

// Dissector registrations (order matters only for heuristics: core's one, Sinec H1 on TCP, goes before the packages').
import './link/frame.js';
import './link/data.js';
import './link/ethernet.js';
import './link/vlan.js';
import './link/llc.js';
import './link/linux-cooked.js';
import './link/null-loopback.js';
import './link/raw-ip.js';
import './link/user-dlt.js';
import './network/arp.js';
import './network/ipv4.js';
import './network/ipv6.js';
import './network/ipv6-extension-headers.js';
import './network/ipsec-esp.js';
import './network/icmp.js';
import './network/icmpv6.js';
import './network/igmp.js';
import './transport/udp.js';
// Before any package's UDP heuristic, as in Wireshark's list.
import './transport/udp-heuristic-probes.js';
import './transport/tcp.js';
import './transport/tcp-heuristic-sinec-h1.js';
// The generic media layer HTTP, IMF and others hand bodies to (media_type table, media, data-text-lines, multipart).
import './media/media-fallback.js';
import './media/text-lines.js';
import './media/multipart.js';
