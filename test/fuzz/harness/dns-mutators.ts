/** Changes aimed at DNS messages: section counts, RDLENGTH, compression pointers, the TCP length prefix. */
import { edgeU16, setBytes, type PacketMutator } from './mutation.js';
import { setU16, u16, type PacketLayout } from './packet-layout.js';

const DNS_PORTS = new Set([53, 5353, 5355]);

interface DnsMessage {
  /** Where the header starts (after the two-byte length over TCP). */
  readonly start: number;
  readonly end: number;
  /** Offset of the TCP length prefix, or -1 over UDP. */
  readonly lengthPrefix: number;
}

function dnsMessage(b: Uint8Array, layout: PacketLayout): DnsMessage | null {
  const t = layout.transport;
  const p = layout.payload;
  if (!t || !p || !(DNS_PORTS.has(t.srcPort) || DNS_PORTS.has(t.dstPort))) return null;
  const start = t.kind === 'tcp' ? p.offset + 2 : p.offset;
  if (start + 12 > p.end || start + 12 > b.length) return null;
  return { start, end: Math.min(p.end, b.length), lengthPrefix: t.kind === 'tcp' ? p.offset : -1 };
}

/** Offset just past the name at `off` (labels up to a terminator or a pointer), or -1. */
function skipName(b: Uint8Array, off: number, end: number): number {
  while (off < end) {
    const c = b[off]!;
    if (c === 0) return off + 1;
    if ((c & 0xc0) === 0xc0) return off + 2;
    off += c + 1;
  }
  return -1;
}

/** The names and RDLENGTH fields of a message, as far as they can be walked. */
function walk(b: Uint8Array, m: DnsMessage): { names: number[]; rdlengths: number[] } {
  const names: number[] = [];
  const rdlengths: number[] = [];
  let off = m.start + 12;
  const qd = u16(b, m.start + 4);
  const rr = u16(b, m.start + 6) + u16(b, m.start + 8) + u16(b, m.start + 10);
  for (let i = 0; i < qd && off < m.end && names.length < 64; i++) {
    names.push(off);
    off = skipName(b, off, m.end);
    if (off < 0) return { names, rdlengths };
    off += 4;
  }
  for (let i = 0; i < rr && off < m.end && rdlengths.length < 64; i++) {
    names.push(off);
    off = skipName(b, off, m.end);
    if (off < 0 || off + 10 > m.end) break;
    rdlengths.push(off + 8);
    off += 10 + u16(b, off + 8);
  }
  return { names, rdlengths };
}

export const dnsCounts: PacketMutator = {
  kind: 'dns-counts',
  weight: 3,
  apply(p, layout, { rng }) {
    const m = dnsMessage(p.bytes, layout);
    if (!m) return null;
    const b = p.bytes.slice();
    const which = rng.below(4);
    const v = edgeU16(rng);
    setU16(b, m.start + 4 + which * 2, v);
    setBytes(p, b);
    return `DNS ${['QDCOUNT', 'ANCOUNT', 'NSCOUNT', 'ARCOUNT'][which]} set to ${v}`;
  },
};

export const dnsRdlength: PacketMutator = {
  kind: 'dns-rdlength',
  weight: 3,
  apply(p, layout, { rng }) {
    const m = dnsMessage(p.bytes, layout);
    if (!m) return null;
    const { rdlengths } = walk(p.bytes, m);
    if (rdlengths.length === 0) return null;
    const b = p.bytes.slice();
    const at = rng.pick(rdlengths);
    const v = edgeU16(rng);
    setU16(b, at, v);
    setBytes(p, b);
    return `DNS RDLENGTH at ${at} set to ${v}`;
  },
};

/** Compression pointers that point at themselves, at each other, forwards, or past the end. */
export const dnsPointer: PacketMutator = {
  kind: 'dns-pointer',
  weight: 3,
  apply(p, layout, { rng }) {
    const m = dnsMessage(p.bytes, layout);
    if (!m) return null;
    const { names } = walk(p.bytes, m);
    if (names.length === 0) return null;
    const b = p.bytes.slice();
    const at = rng.pick(names);
    const rel = at - m.start;
    const target = rng.pick([rel, 12, rel + 2, rng.below(m.end - m.start), 0x3fff, rng.pick(names) - m.start]);
    setU16(b, at, 0xc000 | (target & 0x3fff));
    setBytes(p, b);
    return `DNS name at ${at} replaced by a pointer to ${target & 0x3fff}`;
  },
};

export const dnsTcpLength: PacketMutator = {
  kind: 'dns-tcp-length',
  weight: 1,
  apply(p, layout, { rng }) {
    const m = dnsMessage(p.bytes, layout);
    if (!m || m.lengthPrefix < 0) return null;
    const b = p.bytes.slice();
    const v = edgeU16(rng);
    setU16(b, m.lengthPrefix, v);
    setBytes(p, b);
    return `DNS-over-TCP length set to ${v}`;
  },
};
