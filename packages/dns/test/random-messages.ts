// Seeded random DNS messages for the property tests: every message is
// valid, so what the dissector decodes must equal what was generated.
import type { DnsMessage, DnsQuestion, DnsRData, DnsResourceRecord } from '@netdissect/dns';
import { typeOfKind } from './message-builder.js';

export class Gen {
  constructor(readonly next: () => number) {}

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  bytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = this.int(0, 255);
    return b;
  }

  text(lo: number, hi: number): string {
    const n = this.int(lo, hi);
    let s = '';
    // Printable ASCII, which Wireshark shows unescaped.
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.int(0x20, 0x7e));
    return s;
  }

  label(): string {
    const chars = 'abcdefghijklmnopqrstuvwxyz0123456789-_';
    let s = '';
    for (let i = this.int(1, 12); i > 0; i--) s += chars[this.int(0, chars.length - 1)];
    return s;
  }
}

/** Key tag per RFC 4034 appendix B (and the RSA/MD5 rule of appendix B.1). */
export function keyTagOf(flags: number, protocol: number, algorithm: number, key: Uint8Array): number {
  const rdata = Uint8Array.from([flags >> 8, flags & 0xff, protocol, algorithm, ...key]);
  if (algorithm === 1) return (rdata[rdata.length - 3]! << 8) | rdata[rdata.length - 2]!;
  let ac = 0;
  for (let i = 0; i < rdata.length; i++) ac += i & 1 ? rdata[i]! : rdata[i]! << 8;
  ac += (ac >>> 16) & 0xffff;
  return ac & 0xffff;
}

function base32hex(bytes: Uint8Array): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** Names drawn from a small pool of suffixes, so that compression has something to point at. */
class NamePool {
  private readonly zones: string[];

  constructor(private readonly g: Gen) {
    this.zones = [`${g.label()}.${g.pick(['com', 'net', 'org', 'local'])}`, `${g.label()}.${g.label()}.arpa`, `${g.label()}.example`];
  }

  name(): string {
    const zone = this.g.pick(this.zones);
    const depth = this.g.int(0, 3);
    const labels: string[] = [];
    for (let i = 0; i < depth; i++) labels.push(this.g.label());
    return [...labels, zone].join('.');
  }
}

function ipv4(g: Gen): string {
  return [g.int(0, 255), g.int(0, 255), g.int(0, 255), g.int(0, 255)].join('.');
}

/** Eight non-zero groups: the canonical text form has no "::" to reconstruct. */
function ipv6(g: Gen): string {
  return Array.from({ length: 8 }, () => g.int(1, 0xffff).toString(16)).join(':');
}

function typeList(g: Gen): number[] {
  const types = new Set<number>();
  for (let i = g.int(1, 6); i > 0; i--) types.add(g.pick([1, 2, 5, 6, 12, 15, 16, 28, 33, 46, 47, 48, 50, 257, 1234]));
  return [...types].sort((a, b) => a - b);
}

function ednsOption(g: Gen): { code: number; data: Uint8Array } {
  switch (g.int(0, 6)) {
    case 0: return { code: 10, data: g.bytes(g.pick([8, 16, 24, 40])) };
    case 1: return { code: 8, data: Uint8Array.from([0, 1, 24, 0, ...g.bytes(3)]) };
    case 2: return { code: 11, data: g.bytes(g.pick([0, 2])) };
    case 3: return { code: 12, data: new Uint8Array(g.int(0, 40)) };
    case 4: return { code: 3, data: g.bytes(g.int(0, 16)) };
    case 5: return { code: 15, data: Uint8Array.from([0, g.int(0, 29), ...new TextEncoder().encode(g.label())]) };
    default: return { code: g.pick([5, 6, 7]), data: g.bytes(g.int(1, 5)) };
  }
}

function rdataFor(g: Gen, names: NamePool): DnsRData {
  switch (g.int(0, 22)) {
    case 0: return { kind: 'A', address: ipv4(g) };
    case 1: return { kind: 'AAAA', address: ipv6(g) };
    case 2: return { kind: g.pick(['NS', 'CNAME', 'PTR', 'DNAME'] as const), name: names.name() };
    case 3:
      return { kind: 'SOA', mname: names.name(), rname: names.name(), serial: g.int(0, 0xffffffff), refresh: g.int(0, 86400), retry: g.int(0, 7200), expire: g.int(0, 0xffffffff), minimum: g.int(0, 3600) };
    case 4: return { kind: 'MX', preference: g.int(0, 65535), exchange: names.name() };
    case 5: return { kind: g.pick(['TXT', 'SPF'] as const), strings: Array.from({ length: g.int(1, 4) }, () => g.text(0, 80)) };
    case 6: return { kind: 'HINFO', cpu: g.text(0, 20), os: g.text(0, 20) };
    case 7: return { kind: 'SRV', priority: g.int(0, 65535), weight: g.int(0, 65535), port: g.int(0, 65535), target: names.name() };
    case 8:
      return { kind: 'NAPTR', order: g.int(0, 65535), preference: g.int(0, 65535), flags: g.pick(['', 'S', 'A', 'U']), service: g.text(0, 20), regexp: g.text(0, 30), replacement: g.chance(0.5) ? '<Root>' : names.name() };
    case 9: return { kind: 'CAA', flags: g.pick([0, 128]), tag: g.pick(['issue', 'issuewild', 'iodef']), value: g.text(1, 40) };
    case 10:
      return {
        kind: 'LOC', version: 0, size: g.int(0, 255), horizontalPrecision: g.int(0, 255), verticalPrecision: g.int(0, 255),
        latitude: g.int(0, 0xffffffff), longitude: g.int(0, 0xffffffff), altitude: g.int(0, 0xffffffff),
      };
    case 11: case 12: {
      const flags = g.pick([256, 257, 385]);
      const algorithm = g.pick([1, 5, 8, 13, 15]);
      const publicKey = g.bytes(g.int(3, 64));
      return { kind: g.pick(['DNSKEY', 'CDNSKEY'] as const), flags, protocol: 3, algorithm, keyId: keyTagOf(flags, 3, algorithm, publicKey), publicKey };
    }
    case 13: case 14:
      return {
        kind: g.pick(['RRSIG', 'SIG'] as const), typeCovered: g.pick([1, 28, 48]), algorithm: g.pick([8, 13]), labels: g.int(0, 5), originalTtl: g.int(0, 86400),
        expiration: g.int(0, 0xffffffff), inception: g.int(0, 0xffffffff), keyTag: g.int(0, 65535), signerName: names.name(), signature: g.bytes(g.int(1, 96)),
      };
    case 15: return { kind: g.pick(['DS', 'CDS', 'DLV'] as const), keyTag: g.int(0, 65535), algorithm: g.pick([8, 13]), digestType: g.pick([1, 2]), digest: g.bytes(g.pick([20, 32])) };
    case 16: return { kind: 'NSEC', nextDomainName: names.name(), types: typeList(g) };
    case 17:
      return { kind: 'NSEC3', hashAlgorithm: 1, flags: g.int(0, 1), iterations: g.int(0, 150), salt: g.bytes(g.int(0, 8)), nextHashedOwner: base32hex(g.bytes(20)), types: typeList(g) };
    case 18: return { kind: 'NSEC3PARAM', hashAlgorithm: 1, flags: 0, iterations: g.int(0, 150), salt: g.bytes(g.int(0, 8)) };
    default: return { kind: 'raw', data: g.bytes(g.int(0, 40)) };
  }
}

function recordFor(g: Gen, names: NamePool, mdns: boolean): DnsResourceRecord {
  const rdata = rdataFor(g, names);
  // Raw data goes in a type no decoder knows (65280-65534 is private use).
  const type = rdata.kind === 'raw' ? g.int(65283, 65420) : typeOfKind(rdata.kind);
  return { name: names.name(), type, class: g.pick([1, 3, 255]), cacheFlush: mdns && g.chance(0.5), ttl: g.int(0, 0xffffffff), rdlength: 0, rdata };
}

function optRecord(g: Gen): DnsResourceRecord {
  const extendedRcode = g.int(0, 255);
  const version = g.int(0, 1);
  const dnssecOk = g.chance(0.5);
  const options = Array.from({ length: g.int(0, 3) }, () => ednsOption(g));
  const udpPayloadSize = g.pick([512, 1232, 4096]);
  return {
    name: '<Root>', type: 41, class: udpPayloadSize, cacheFlush: false, ttl: ((extendedRcode << 24) | (version << 16) | (dnssecOk ? 0x8000 : 0)) >>> 0,
    rdlength: 0, rdata: { kind: 'OPT', udpPayloadSize, extendedRcode, version, dnssecOk, options },
  };
}

/** A random valid message; encodeMessage fills in the rdlengths. */
export function randomMessage(g: Gen, mdns = false): DnsMessage {
  const names = new NamePool(g);
  // Opcode 6 (DSO) with no records has another layout; leave it out.
  const opcode = g.pick([0, 1, 2, 4, 5]);
  const flags = (g.int(0, 1) << 15) | (opcode << 11) | (g.int(0, 0x7f) << 4) | g.int(0, 15);
  const questions: DnsQuestion[] = Array.from({ length: g.int(opcode === 0 ? 1 : 0, 2) }, () => ({
    name: names.name(), type: g.pick([1, 2, 5, 6, 12, 15, 16, 28, 33, 255, 252]), class: g.pick([1, 3, 255]), unicastResponse: mdns && g.chance(0.5),
  }));
  const answers = Array.from({ length: g.int(0, 5) }, () => recordFor(g, names, mdns));
  const authorities = Array.from({ length: g.int(0, 2) }, () => recordFor(g, names, mdns));
  const additionals = Array.from({ length: g.int(0, 2) }, () => recordFor(g, names, mdns));
  if (!mdns && g.chance(0.5)) additionals.push(optRecord(g));
  const h = {
    id: g.int(0, 65535), flags, response: (flags & 0x8000) !== 0, opcode, authoritative: (flags & 0x400) !== 0, truncated: (flags & 0x200) !== 0,
    recursionDesired: (flags & 0x100) !== 0, recursionAvailable: (flags & 0x80) !== 0, z: (flags & 0x40) !== 0, authenticatedData: (flags & 0x20) !== 0,
    checkingDisabled: (flags & 0x10) !== 0, rcode: flags & 15, questionCount: questions.length, answerCount: answers.length,
    authorityCount: authorities.length, additionalCount: additionals.length,
  };
  return { header: h, questions, answers, authorities, additionals };
}
