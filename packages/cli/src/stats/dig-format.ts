import { formatIPv6 } from '@netdissect/core';
import { rrTypeNames, type DnsMessage, type DnsRData, type DnsResourceRecord } from '@netdissect/dns';

/** Where and when a DNS response was seen, for its header line. */
export interface DigContext {
  readonly frame: number;
  /** Seconds since the first frame of the capture. */
  readonly time: number;
  readonly server: string;
  readonly serverPort: number;
  readonly client: string;
  readonly clientPort: number;
  readonly transport: 'udp' | 'tcp';
  /** Time since the query, in ms, when the query was seen. */
  readonly queryTimeMs: number | null;
  /** Length of the DNS message (without the TCP length prefix), when known. */
  readonly size: number | null;
  /** The message ran off its data: what could be read is shown. */
  readonly malformed: boolean;
}

// BIND's names for opcodes and response codes (dns_opcode_totext, dns_rcode_totext).
const OPCODES = ['QUERY', 'IQUERY', 'STATUS', 'RESERVED3', 'NOTIFY', 'UPDATE', 'DSO'];
const RCODES: Record<number, string> = {
  0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED', 6: 'YXDOMAIN', 7: 'YXRRSET',
  8: 'NXRRSET', 9: 'NOTAUTH', 10: 'NOTZONE', 16: 'BADVERS', 17: 'BADKEY', 18: 'BADTIME', 19: 'BADMODE',
  20: 'BADNAME', 21: 'BADALG', 22: 'BADTRUNC', 23: 'BADCOOKIE',
};
const CLASSES: Record<number, string> = { 1: 'IN', 3: 'CH', 4: 'HS', 254: 'NONE', 255: 'ANY' };
const EDNS_OPTIONS: Record<number, string> = { 3: 'NSID', 8: 'CLIENT-SUBNET', 9: 'EXPIRE', 10: 'COOKIE', 11: 'TCP-KEEPALIVE', 12: 'PADDING', 15: 'EDE' };

/** Owner and target names as dig writes them: absolute, with a trailing dot. */
export function digName(name: string): string {
  if (name === '<Root>' || name === '') return '.';
  return name.endsWith('.') ? name : `${name}.`;
}

function typeText(type: number): string {
  return rrTypeNames.get(type) ?? `TYPE${type}`;
}

function classText(cls: number): string {
  return CLASSES[cls] ?? `CLASS${cls}`;
}

function hex(b: Uint8Array, upper = false): string {
  const s = Buffer.from(b).toString('hex');
  return upper ? s.toUpperCase() : s;
}

function base64(b: Uint8Array): string {
  return Buffer.from(b).toString('base64');
}

/** A character-string in master-file form: quoted, '"' and '\' escaped. */
function quoted(s: string): string {
  return `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** YYYYMMDDHHMMSS (RRSIG validity times). */
function sigTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** RFC 1876 angle: thousandths of an arc second from 2^31. */
function locAngle(raw: number, positive: string, negative: string): string {
  const v = raw - 2 ** 31;
  const a = Math.abs(v);
  const deg = Math.floor(a / 3600000);
  const min = Math.floor((a % 3600000) / 60000);
  const ms = a % 60000;
  return `${deg} ${min} ${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')} ${v < 0 ? negative : positive}`;
}

/** RFC 1876 size: mantissa and power of ten, in centimetres, shown in metres. */
function locSize(v: number): string {
  const cm = (v >> 4) * 10 ** (v & 0x0f);
  return cm % 100 === 0 ? `${cm / 100}m` : `${Math.floor(cm / 100)}.${String(cm % 100).padStart(2, '0')}m`;
}

/** The RDATA in master-file presentation form (RFC 3597 "\# n hex" for what is kept raw). */
export function rdataText(rd: DnsRData): string {
  switch (rd.kind) {
    case 'A': case 'AAAA': return rd.address;
    case 'NS': case 'CNAME': case 'PTR': case 'DNAME': return digName(rd.name);
    case 'SOA': return `${digName(rd.mname)} ${digName(rd.rname)} ${rd.serial} ${rd.refresh} ${rd.retry} ${rd.expire} ${rd.minimum}`;
    case 'MX': return `${rd.preference} ${digName(rd.exchange)}`;
    case 'TXT': case 'SPF': return rd.strings.map(quoted).join(' ');
    case 'HINFO': return `${quoted(rd.cpu)} ${quoted(rd.os)}`;
    case 'SRV': return `${rd.priority} ${rd.weight} ${rd.port} ${digName(rd.target)}`;
    case 'NAPTR': return `${rd.order} ${rd.preference} ${quoted(rd.flags)} ${quoted(rd.service)} ${quoted(rd.regexp)} ${digName(rd.replacement)}`;
    case 'CAA': return `${rd.flags} ${rd.tag} ${quoted(rd.value)}`;
    case 'DNSKEY': case 'CDNSKEY': return `${rd.flags} ${rd.protocol} ${rd.algorithm} ${base64(rd.publicKey)}`;
    case 'RRSIG': case 'SIG':
      return `${typeText(rd.typeCovered)} ${rd.algorithm} ${rd.labels} ${rd.originalTtl} ${sigTime(rd.expiration)} ${sigTime(rd.inception)} ${rd.keyTag} ${digName(rd.signerName)} ${base64(rd.signature)}`;
    case 'DS': case 'CDS': case 'DLV': return `${rd.keyTag} ${rd.algorithm} ${rd.digestType} ${hex(rd.digest, true)}`;
    case 'NSEC': return [digName(rd.nextDomainName), ...rd.types.map(typeText)].join(' ');
    case 'NSEC3':
      return [rd.hashAlgorithm, rd.flags, rd.iterations, rd.salt.length ? hex(rd.salt, true) : '-', rd.nextHashedOwner.toUpperCase(), ...rd.types.map(typeText)].join(' ');
    case 'NSEC3PARAM': return `${rd.hashAlgorithm} ${rd.flags} ${rd.iterations} ${rd.salt.length ? hex(rd.salt, true) : '-'}`;
    case 'OPT': return '';
    case 'LOC': {
      const altitude = ((rd.altitude | 0) - 10000000) / 100;
      return `${locAngle(rd.latitude, 'N', 'S')} ${locAngle(rd.longitude, 'E', 'W')} ${altitude.toFixed(2)}m ${locSize(rd.size)} ${locSize(rd.horizontalPrecision)} ${locSize(rd.verticalPrecision)}`;
    }
    case 'raw': return rd.data.length ? `\\# ${rd.data.length} ${hex(rd.data, true)}` : '\\# 0';
  }
}

/**
 * Fields placed at columns as BIND's master-file style does: move on with
 * tabs (8 wide) then spaces, at least one character after the previous field.
 */
function columns(fields: ReadonlyArray<readonly [string, number]>): string {
  let line = '';
  let col = 0;
  fields.forEach(([text, at], i) => {
    if (i > 0) {
      const to = Math.max(at, col + 1);
      const tabs = Math.floor(to / 8) - Math.floor(col / 8);
      if (tabs > 0) {
        line += '\t'.repeat(tabs);
        col = Math.floor(to / 8) * 8;
      }
      line += ' '.repeat(to - col);
      col = to;
    }
    line += text;
    col += text.length;
  });
  return line;
}

function recordLine(r: DnsResourceRecord): string {
  return columns([[digName(r.name), 0], [String(r.ttl), 24], [classText(r.class), 32], [typeText(r.type), 40], [rdataText(r.rdata), 48]]);
}

/** EDNS Client Subnet (RFC 7871): "192.0.2.0/24/0". */
function clientSubnet(d: Uint8Array): string | null {
  if (d.length < 4) return null;
  const family = (d[0]! << 8) | d[1]!;
  const addr = d.subarray(4);
  if (family === 1 && addr.length <= 4) return `${[0, 1, 2, 3].map((i) => addr[i] ?? 0).join('.')}/${d[2]}/${d[3]}`;
  if (family === 2 && addr.length <= 16) {
    const full = new Uint8Array(16);
    full.set(addr);
    return `${formatIPv6(full, 0)}/${d[2]}/${d[3]}`;
  }
  return null;
}

function ednsOptionLine(code: number, data: Uint8Array): string {
  const printable = data.length > 0 && [...data].every((b) => b >= 0x20 && b < 0x7f);
  switch (code) {
    case 3: return `; NSID: ${[...data].map((b) => b.toString(16).padStart(2, '0')).join(' ')}${printable ? ` ("${Buffer.from(data).toString('latin1')}")` : ''}`;
    case 8: return `; CLIENT-SUBNET: ${clientSubnet(data) ?? hex(data)}`;
    case 9: case 11: return `; ${EDNS_OPTIONS[code]}: ${data.length >= 2 ? Buffer.from(data).readUIntBE(0, Math.min(4, data.length)) : ''}`;
    case 12: return `; PADDING: (${data.length} bytes)`;
    case 15: {
      if (data.length < 2) return `; EDE: ${hex(data)}`;
      const text = data.length > 2 ? ` (${Buffer.from(data.subarray(2)).toString('utf8')})` : '';
      return `; EDE: ${(data[0]! << 8) | data[1]!}${text}`;
    }
    default: return `; ${EDNS_OPTIONS[code] ?? `OPT=${code}`}: ${hex(data)}`;
  }
}

function ednsLines(opt: DnsResourceRecord): string[] {
  if (opt.rdata.kind !== 'OPT') return [];
  const o = opt.rdata;
  return [`; EDNS: version: ${o.version}, flags:${o.dnssecOk ? ' do' : ''}; udp: ${o.udpPayloadSize}`, ...o.options.map((x) => ednsOptionLine(x.code, x.data))];
}

/**
 * A DNS response as dig prints it: a line naming the frame, time and
 * server, the ->>HEADER<<- and flags lines, the OPT pseudo-section, the
 * question and the non-empty record sections, then query time, server and
 * size. Text from the packet is returned as is; escape it for a terminal.
 */
export function formatDig(m: DnsMessage, ctx: DigContext): string[] {
  const h = m.header;
  const opt = m.additionals.find((r) => r.rdata.kind === 'OPT');
  const extended = opt?.rdata.kind === 'OPT' ? opt.rdata.extendedRcode : 0;
  const rcode = (extended << 4) | h.rcode;
  const update = h.opcode === 5;
  const flags = [
    [h.response, 'qr'], [h.authoritative, 'aa'], [h.truncated, 'tc'], [h.recursionDesired, 'rd'],
    [h.recursionAvailable, 'ra'], [h.authenticatedData, 'ad'], [h.checkingDisabled, 'cd'],
  ].filter(([on]) => on).map(([, name]) => ` ${name}`).join('');
  const counts = update
    ? `ZONE: ${h.questionCount}, PREREQ: ${h.answerCount}, UPDATE: ${h.authorityCount}, ADDITIONAL: ${h.additionalCount}`
    : `QUERY: ${h.questionCount}, ANSWER: ${h.answerCount}, AUTHORITY: ${h.authorityCount}, ADDITIONAL: ${h.additionalCount}`;
  const lines = [
    `;; Frame ${ctx.frame}, ${ctx.time.toFixed(6)} s: response from ${ctx.server}#${ctx.serverPort} to ${ctx.client}#${ctx.clientPort}`,
  ];
  if (ctx.malformed) lines.push(';; Warning: Message parser reports malformed message packet.');
  lines.push(
    `;; ->>HEADER<<- opcode: ${OPCODES[h.opcode] ?? `RESERVED${h.opcode}`}, status: ${RCODES[rcode] ?? `RESERVED${rcode}`}, id: ${h.id}`,
    `;; flags:${flags}; ${counts}`,
    '',
  );
  if (opt) lines.push(';; OPT PSEUDOSECTION:', ...ednsLines(opt));
  if (m.questions.length) {
    lines.push(`;; ${update ? 'ZONE' : 'QUESTION'} SECTION:`);
    for (const q of m.questions) lines.push(columns([[`;${digName(q.name)}`, 0], [classText(q.class), 32], [typeText(q.type), 40]]));
    lines.push('');
  }
  const sections: Array<[string, readonly DnsResourceRecord[]]> = [
    [update ? 'PREREQUISITE' : 'ANSWER', m.answers],
    [update ? 'UPDATE' : 'AUTHORITY', m.authorities],
    ['ADDITIONAL', m.additionals.filter((r) => r.rdata.kind !== 'OPT')],
  ];
  for (const [title, records] of sections) {
    if (!records.length) continue;
    lines.push(`;; ${title} SECTION:`, ...records.map(recordLine), '');
  }
  if (ctx.queryTimeMs !== null) lines.push(`;; Query time: ${Math.round(ctx.queryTimeMs)} msec`);
  lines.push(`;; SERVER: ${ctx.server}#${ctx.serverPort}(${ctx.server}) (${ctx.transport.toUpperCase()})`);
  if (ctx.size !== null) lines.push(`;; MSG SIZE  rcvd: ${ctx.size}`);
  return lines;
}
