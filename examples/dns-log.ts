/**
 * A Zeek-style dns.log from a capture: one row per DNS transaction (query
 * and its response), tab-separated with Zeek's header lines.
 *
 *   npx tsx examples/dns-log.ts capture.pcap > dns.log
 */
import { CaptureReader, DissectionSession, dissectCapture, type PacketInfo } from '@netdissect/core';
import { classNames, DNS_TAP, rcodeNames, rrTypeName, type DnsRData, type DnsTapData } from '@netdissect/dns';

interface Pending {
  ts: string;
  orig: string;
  origPort: number;
  resp: string;
  respPort: number;
  proto: string;
  id: number;
  query: string;
  qclass: number;
  qtype: number;
  rd: boolean;
}

const COLUMNS = ['ts', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'trans_id', 'query', 'qclass', 'qclass_name', 'qtype', 'qtype_name', 'rcode', 'rcode_name', 'AA', 'TC', 'RD', 'RA', 'answers', 'TTLs'];

function rdataText(r: DnsRData): string {
  switch (r.kind) {
    case 'A': case 'AAAA': return r.address;
    case 'NS': case 'CNAME': case 'PTR': case 'DNAME': return r.name;
    case 'MX': return r.exchange;
    case 'TXT': case 'SPF': return `TXT ${r.strings.length} ${r.strings.join(' ')}`;
    case 'SOA': return r.mname;
    case 'SRV': return r.target;
    default: return `<${r.kind}>`;
  }
}

/** Zeek's field values: "-" for unset, "T"/"F" for booleans, sets joined by commas. */
const bool = (b: boolean): string => (b ? 'T' : 'F');

function row(values: (string | number)[]): string {
  // Tabs and newlines inside names would break the format; Zeek escapes them as \x09.
  return values.map((v) => String(v).replace(/[\t\n\\]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)).join('\t');
}

async function main(file: string): Promise<void> {
  const session = new DissectionSession();
  const pending = new Map<string, Pending>();
  const out: string[] = ['#separator \\x09', '#path\tdns', `#fields\t${COLUMNS.join('\t')}`];
  const emit = (q: Pending, rcode: number | null, aa: boolean, tc: boolean, ra: boolean, answers: string[], ttls: number[]): void => {
    out.push(row([
      q.ts, q.orig, q.origPort, q.resp, q.respPort, q.proto, q.id, q.query || '-', q.qclass, classNames.get(q.qclass) ?? '-', q.qtype, rrTypeName(q.qtype),
      rcode ?? '-', rcode === null ? '-' : (rcodeNames.get(rcode) ?? '-'), bool(aa), bool(tc), bool(q.rd), bool(ra),
      answers.length ? answers.join(',') : '-', ttls.length ? ttls.join(',') : '-',
    ]));
  };
  session.addTap(DNS_TAP, (pinfo: PacketInfo, data: unknown) => {
    const { message, transport } = data as DnsTapData;
    const h = message.header;
    const q = message.questions[0];
    // A transaction is keyed by client, server and ID, whichever direction this message went.
    const client = h.response ? `${pinfo.dst}|${pinfo.dstport}` : `${pinfo.src}|${pinfo.srcport}`;
    const server = h.response ? `${pinfo.src}|${pinfo.srcport}` : `${pinfo.dst}|${pinfo.dstport}`;
    const key = `${client}|${server}|${h.id}`;
    if (!h.response) {
      pending.set(key, {
        ts: `${pinfo.raw.tsSec}.${String(Math.floor(pinfo.raw.tsNsec / 1000)).padStart(6, '0')}`,
        orig: pinfo.src.toString(), origPort: pinfo.srcport, resp: pinfo.dst.toString(), respPort: pinfo.dstport,
        proto: transport, id: h.id, query: q?.name ?? '', qclass: q?.class ?? 0, qtype: q?.type ?? 0, rd: h.recursionDesired,
      });
      return;
    }
    const query = pending.get(key);
    pending.delete(key);
    const answers = message.answers.filter((a) => a.type !== 41);
    emit(
      query ?? {
        ts: `${pinfo.raw.tsSec}.${String(Math.floor(pinfo.raw.tsNsec / 1000)).padStart(6, '0')}`,
        orig: pinfo.dst.toString(), origPort: pinfo.dstport, resp: pinfo.src.toString(), respPort: pinfo.srcport,
        proto: transport, id: h.id, query: q?.name ?? '', qclass: q?.class ?? 0, qtype: q?.type ?? 0, rd: h.recursionDesired,
      },
      h.rcode, h.authoritative, h.truncated, h.recursionAvailable, answers.map((a) => rdataText(a.rdata)), answers.map((a) => a.ttl),
    );
  });
  await dissectCapture(await CaptureReader.open(file), session, { tree: null }, () => {});
  // Queries that never got an answer are logged too, as Zeek does.
  for (const q of pending.values()) emit(q, null, false, false, false, [], []);
  process.stdout.write(out.join('\n') + '\n');
}

if (!process.argv[2]) {
  process.stderr.write('usage: npx tsx examples/dns-log.ts CAPTURE\n');
  process.exit(2);
}
await main(process.argv[2]);
