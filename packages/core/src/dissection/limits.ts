/**
 * Resource limits that keep hostile or huge captures from exhausting
 * memory. Each has a default and a command-line flag; hitting one is
 * reported (expert info, -z expert), never silent.
 */
export interface Limits {
  /** Bytes buffered for reassembly in one TCP direction. */
  tcpReassemblyBytesPerFlow: number;
  /** Bytes buffered for TCP reassembly across all flows. */
  tcpReassemblyBytesTotal: number;
  /**
   * Conversations (TCP, UDP, ICMP) tracked at once; past it the longest-idle
   * are forgotten. A forgotten UDP conversation keeps its stream number and
   * clock (up to twice this many between IPv4 endpoints, and as many again
   * between IPv6 ones), so a flow that comes back is in its old udp.stream.
   * One pass only: a session that revisits frames keeps them all.
   */
  maxOpenFlows: number;
  /** Bytes held in incomplete IP datagrams. */
  ipFragmentBytesTotal: number;
  /**
   * Seconds after which an incomplete IP datagram is dropped; 0 (the
   * default, as Wireshark, whose reassembly tables never age) keeps them
   * until ipFragmentBytesTotal makes room.
   */
  ipFragmentTimeoutSec: number;
  /** Largest decompressed HTTP body. */
  maxDecompressedBytes: number;
  /** DNS compression pointers followed in one name. */
  dnsMaxPointers: number;
  /** Largest literal an IMAP peer may announce that we buffer. */
  imapMaxLiteralBytes: number;
  /** MIME parts decoded in one message. */
  maxMimeParts: number;
  /** Expected FTP data connections remembered at once. */
  ftpMaxExpectedConnections: number;
}

export const defaultLimits: Limits = {
  tcpReassemblyBytesPerFlow: 32 * 1024 * 1024,
  tcpReassemblyBytesTotal: 256 * 1024 * 1024,
  maxOpenFlows: 100_000,
  ipFragmentBytesTotal: 64 * 1024 * 1024,
  ipFragmentTimeoutSec: 0,
  maxDecompressedBytes: 64 * 1024 * 1024,
  dnsMaxPointers: 64,
  imapMaxLiteralBytes: 16 * 1024 * 1024,
  maxMimeParts: 1000,
  ftpMaxExpectedConnections: 10_000,
};
