// Encodes typed DNS messages to wire format, with name compression, for
// the tests. Independent of the dissector: it follows RFC 1035, 4034,
// 5155, 6891 and 1876 directly.
import type { DnsMessage, DnsRData, DnsResourceRecord } from '@netdissect/dns';

const TYPE_OF_KIND: Record<string, number> = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, HINFO: 13, MX: 15, TXT: 16, AAAA: 28, LOC: 29, SRV: 33, NAPTR: 35,
  DNAME: 39, OPT: 41, DS: 43, RRSIG: 46, NSEC: 47, DNSKEY: 48, NSEC3: 50, NSEC3PARAM: 51, SPF: 99, CAA: 257,
  CDS: 59, CDNSKEY: 60, DLV: 32769, SIG: 24,
};

export function typeOfKind(kind: string): number {
  return TYPE_OF_KIND[kind]!;
}

export class WireWriter {
  private buf = new Uint8Array(512);
  length = 0;
  /** Offsets of name suffixes already written, for compression pointers. */
  private readonly suffixes = new Map<string, number>();

  constructor(private readonly compress: (suffix: string) => boolean = () => true) {}

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    b.set(this.buf.subarray(0, this.length));
    this.buf = b;
  }

  u8(v: number): void {
    this.room(1);
    this.buf[this.length++] = v & 0xff;
  }

  u16(v: number): void {
    this.u8(v >>> 8);
    this.u8(v);
  }

  u32(v: number): void {
    this.u16(v >>> 16);
    this.u16(v & 0xffff);
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  ascii(s: string): void {
    for (let i = 0; i < s.length; i++) this.u8(s.charCodeAt(i));
  }

  characterString(s: string): void {
    this.u8(s.length);
    this.ascii(s);
  }

  /** A domain name, "<Root>" or dotted labels, compressed against earlier names when allowed. */
  name(name: string): void {
    if (name === '<Root>') {
      this.u8(0);
      return;
    }
    const labels = name.split('.');
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join('.');
      const at = this.suffixes.get(suffix);
      if (at !== undefined && this.compress(suffix)) {
        this.u16(0xc000 | at);
        return;
      }
      if (this.length < 0x3fff) this.suffixes.set(suffix, this.length);
      this.characterString(labels[i]!);
    }
    this.u8(0);
  }

  set16(at: number, v: number): void {
    this.buf[at] = v >>> 8;
    this.buf[at + 1] = v & 0xff;
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function ipv4(w: WireWriter, address: string): void {
  for (const part of address.split('.')) w.u8(Number(part));
}

/** Full (uncompressed) form of an IPv6 address written by the generator: eight groups. */
function ipv6(w: WireWriter, address: string): void {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, null];
  const a = head ? head.split(':') : [];
  const b = tail ? tail.split(':') : [];
  const groups = tail === null ? a : [...a, ...Array<string>(8 - a.length - b.length).fill('0'), ...b];
  for (const g of groups) w.u16(parseInt(g, 16));
}

function typeBitmap(w: WireWriter, types: number[]): void {
  const windows = new Map<number, number[]>();
  for (const t of types) {
    const list = windows.get(t >> 8) ?? [];
    list.push(t & 0xff);
    windows.set(t >> 8, list);
  }
  for (const [window, low] of [...windows].sort((x, y) => x[0] - y[0])) {
    const bytes = new Uint8Array((Math.max(...low) >> 3) + 1);
    for (const t of low) bytes[t >> 3]! |= 0x80 >> (t & 7);
    w.u8(window);
    w.u8(bytes.length);
    w.bytes(bytes);
  }
}

function base32hexDecode(s: string): Uint8Array {
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of s) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

function rdata(w: WireWriter, r: DnsRData): void {
  switch (r.kind) {
    case 'A': return ipv4(w, r.address);
    case 'AAAA': return ipv6(w, r.address);
    case 'NS': case 'CNAME': case 'PTR': case 'DNAME': return w.name(r.name);
    case 'SOA':
      w.name(r.mname);
      w.name(r.rname);
      for (const v of [r.serial, r.refresh, r.retry, r.expire, r.minimum]) w.u32(v);
      return;
    case 'MX':
      w.u16(r.preference);
      return w.name(r.exchange);
    case 'TXT': case 'SPF':
      for (const s of r.strings) w.characterString(s);
      return;
    case 'HINFO':
      w.characterString(r.cpu);
      return w.characterString(r.os);
    case 'SRV':
      w.u16(r.priority);
      w.u16(r.weight);
      w.u16(r.port);
      return w.name(r.target);
    case 'NAPTR':
      w.u16(r.order);
      w.u16(r.preference);
      w.characterString(r.flags);
      w.characterString(r.service);
      w.characterString(r.regexp);
      return w.name(r.replacement);
    case 'CAA':
      w.u8(r.flags);
      w.characterString(r.tag);
      return w.ascii(r.value);
    case 'LOC':
      for (const v of [r.version, r.size, r.horizontalPrecision, r.verticalPrecision]) w.u8(v);
      for (const v of [r.latitude, r.longitude, r.altitude]) w.u32(v);
      return;
    case 'OPT':
      for (const o of r.options) {
        w.u16(o.code);
        w.u16(o.data.length);
        w.bytes(o.data);
      }
      return;
    case 'DNSKEY': case 'CDNSKEY':
      w.u16(r.flags);
      w.u8(r.protocol);
      w.u8(r.algorithm);
      return w.bytes(r.publicKey);
    case 'RRSIG': case 'SIG':
      w.u16(r.typeCovered);
      w.u8(r.algorithm);
      w.u8(r.labels);
      for (const v of [r.originalTtl, r.expiration, r.inception]) w.u32(v);
      w.u16(r.keyTag);
      w.name(r.signerName);
      return w.bytes(r.signature);
    case 'DS': case 'CDS': case 'DLV':
      w.u16(r.keyTag);
      w.u8(r.algorithm);
      w.u8(r.digestType);
      return w.bytes(r.digest);
    case 'NSEC':
      w.name(r.nextDomainName);
      return typeBitmap(w, r.types);
    case 'NSEC3': {
      w.u8(r.hashAlgorithm);
      w.u8(r.flags);
      w.u16(r.iterations);
      w.u8(r.salt.length);
      w.bytes(r.salt);
      const hash = base32hexDecode(r.nextHashedOwner);
      w.u8(hash.length);
      w.bytes(hash);
      return typeBitmap(w, r.types);
    }
    case 'NSEC3PARAM':
      w.u8(r.hashAlgorithm);
      w.u8(r.flags);
      w.u16(r.iterations);
      w.u8(r.salt.length);
      return w.bytes(r.salt);
    case 'raw':
      return w.bytes(r.data);
  }
}

function record(w: WireWriter, rr: DnsResourceRecord, mdns: boolean): void {
  w.name(rr.name);
  w.u16(rr.type);
  w.u16(rr.class | (mdns && rr.cacheFlush ? 0x8000 : 0));
  w.u32(rr.ttl);
  const lengthAt = w.length;
  w.u16(0);
  rdata(w, rr.rdata);
  rr.rdlength = w.length - lengthAt - 2;
  w.set16(lengthAt, rr.rdlength);
}

/**
 * The wire form of `m`, filling in each record's rdlength. `compress`
 * decides, suffix by suffix, whether an earlier occurrence is pointed to;
 * mDNS puts the QU and cache-flush bits in the top bit of the class.
 */
export function encodeMessage(m: DnsMessage, options: { mdns?: boolean; compress?: (suffix: string) => boolean } = {}): Uint8Array {
  const w = new WireWriter(options.compress);
  const h = m.header;
  w.u16(h.id);
  w.u16(h.flags);
  w.u16(m.questions.length);
  w.u16(m.answers.length);
  w.u16(m.authorities.length);
  w.u16(m.additionals.length);
  for (const q of m.questions) {
    w.name(q.name);
    w.u16(q.type);
    w.u16(q.class | (options.mdns && q.unicastResponse ? 0x8000 : 0));
  }
  for (const rr of [...m.answers, ...m.authorities, ...m.additionals]) record(w, rr, options.mdns ?? false);
  return w.result();
}
