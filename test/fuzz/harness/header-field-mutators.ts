/** Changes aimed at the length, offset, flag and sequence fields of the IP, UDP and TCP headers. */
import { edgeU16, edgeU32, setBytes, type PacketMutator } from './mutation.js';
import { setU16, setU32, u16 } from './packet-layout.js';

export const ipLength: PacketMutator = {
  kind: 'ip-length',
  weight: 3,
  apply(p, { ip }, { rng }) {
    if (!ip) return null;
    const b = p.bytes.slice();
    const v = edgeU16(rng);
    setU16(b, ip.offset + (ip.version === 4 ? 2 : 4), v);
    setBytes(p, b);
    return `IPv${ip.version} ${ip.version === 4 ? 'total' : 'payload'} length set to ${v}`;
  },
};

export const ipv4HeaderLength: PacketMutator = {
  kind: 'ipv4-ihl',
  weight: 1,
  apply(p, { ip }, { rng }) {
    if (ip?.version !== 4) return null;
    const b = p.bytes.slice();
    const ihl = rng.below(16);
    b[ip.offset] = 0x40 | ihl;
    setBytes(p, b);
    return `IPv4 header length set to ${ihl * 4}`;
  },
};

/** Turns a datagram into a fragment (or changes its place among fragments): feeds reassembly odd pieces. */
export const ipFragment: PacketMutator = {
  kind: 'ip-fragment',
  weight: 2,
  apply(p, { ip }, { rng }) {
    if (ip?.version !== 4) return null;
    const b = p.bytes.slice();
    const more = rng.chance(0.5) ? 0x2000 : 0;
    const offset = rng.chance(0.5) ? rng.below(4) : rng.below(0x2000);
    setU16(b, ip.offset + 6, more | offset);
    if (rng.chance(0.3)) setU16(b, ip.offset + 4, rng.below(4));
    setBytes(p, b);
    return `IPv4 fragment offset ${offset * 8}${more ? ', more fragments' : ''}, id ${u16(b, ip.offset + 4)}`;
  },
};

export const udpLength: PacketMutator = {
  kind: 'udp-length',
  weight: 2,
  apply(p, { transport }, { rng }) {
    if (transport?.kind !== 'udp') return null;
    const b = p.bytes.slice();
    const v = edgeU16(rng);
    setU16(b, transport.offset + 4, v);
    setBytes(p, b);
    return `UDP length set to ${v}`;
  },
};

export const tcpDataOffset: PacketMutator = {
  kind: 'tcp-data-offset',
  weight: 2,
  apply(p, { transport }, { rng }) {
    if (transport?.kind !== 'tcp') return null;
    const b = p.bytes.slice();
    const words = rng.below(16);
    b[transport.offset + 12] = (words << 4) | (b[transport.offset + 12]! & 0x0f);
    setBytes(p, b);
    return `TCP data offset set to ${words * 4}`;
  },
};

export const tcpFlags: PacketMutator = {
  kind: 'tcp-flags',
  weight: 2,
  apply(p, { transport }, { rng }) {
    if (transport?.kind !== 'tcp') return null;
    const b = p.bytes.slice();
    const flags = rng.chance(0.5) ? rng.pick([0x00, 0x01, 0x02, 0x04, 0x11, 0x12, 0x14, 0x3f, 0xff]) : rng.below(256);
    b[transport.offset + 13] = flags;
    setBytes(p, b);
    return `TCP flags set to 0x${flags.toString(16)}`;
  },
};

/** Sequence or acknowledgement numbers on the edges, including just below the 2^32 wrap. */
export const tcpSequence: PacketMutator = {
  kind: 'tcp-sequence',
  weight: 2,
  apply(p, { transport }, { rng }) {
    if (transport?.kind !== 'tcp') return null;
    const b = p.bytes.slice();
    const ack = rng.chance(0.3);
    const v = rng.chance(0.5) ? (0x100000000 - rng.below(2000)) >>> 0 : edgeU32(rng);
    setU32(b, transport.offset + (ack ? 8 : 4), v);
    setBytes(p, b);
    return `TCP ${ack ? 'ack' : 'seq'} set to ${v}`;
  },
};

/** Option kinds with lengths that lie: 0, 1, past the header, or a huge window scale. */
export const tcpOptions: PacketMutator = {
  kind: 'tcp-options',
  weight: 1,
  apply(p, { transport }, { rng }) {
    if (transport?.kind !== 'tcp' || transport.headerLen <= 20) return null;
    const b = p.bytes.slice();
    const at = transport.offset + 20 + rng.below(transport.headerLen - 20);
    const kind = rng.pick([2, 3, 4, 5, 8, 19, 28, 29, 30, 34, 254, 255, rng.below(256)]);
    const len = rng.pick([0, 1, 2, 3, 10, 40, 255]);
    if (at + 1 < b.length) {
      b[at] = kind;
      b[at + 1] = len;
    }
    setBytes(p, b);
    return `TCP option kind ${kind} length ${len} at ${at}`;
  },
};
