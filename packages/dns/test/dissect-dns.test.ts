// dissectDns on bare payloads: the typed message, the field tree and the
// Info text, for message shapes the corpus lacks (checked with tshark 4.0
// on the same bytes).
import { fieldDisplayValue, labelOf, type FieldNode } from '@netdissect/core';
import { dissectDns } from '@netdissect/dns';
import { describe, expect, it } from 'vitest';
import { bytes, header, name, question, record, u16, u32 } from './wire.js';

function values(tree: FieldNode, abbrev: string): string[] {
  const out: string[] = [];
  tree.forEach((n) => {
    if (n.def?.abbrev === abbrev) out.push(fieldDisplayValue(n));
  });
  return out;
}

function labels(tree: FieldNode): string[] {
  const out: string[] = [];
  tree.forEach((n) => out.push(labelOf(n)));
  return out;
}

describe('dissectDns', () => {
  it('decodes a plain query into header, question, Info and tree', () => {
    const d = dissectDns(bytes(header(0xbeef, 0x0120, 1, 0, 0, 0), question(name('example.org'), 28)));
    expect(d.malformed).toBe(false);
    expect(d.info).toBe('Standard query 0xbeef AAAA example.org');
    expect(d.message.header).toMatchObject({ id: 0xbeef, response: false, opcode: 0, recursionDesired: true, authenticatedData: true, questionCount: 1 });
    expect(d.message.questions).toEqual([{ name: 'example.org', type: 28, class: 1, unicastResponse: false }]);
    expect(labelOf(d.tree.children![0]!)).toBe('Domain Name System (query)');
    expect(values(d.tree, 'dns.qry.name')).toEqual(['example.org']);
    expect(values(d.tree, 'dns.count.labels')).toEqual(['2']);
    expect(labels(d.tree)).toContain('.... .... ..1. .... = AD bit: Set');
    // No capture around the payload: no request/response matching.
    expect(values(d.tree, 'dns.unsolicited')).toEqual([]);
  });

  it('keeps unknown types as bytes, OPT without options as EDNS parameters, and flags extraneous data', () => {
    const d = dissectDns(
      bytes(
        header(9, 0x8180, 1, 1, 0, 1),
        question(name('x.test')),
        record([0xc0, 0x0c], 65300, 1, 30, [1, 2, 3]),
        record([0], 41, 1232, 0x8000, []),
        Array.from('EXTRA', (c) => c.charCodeAt(0)),
      ),
    );
    expect(d.info).toBe('Standard query response 0x0009 A x.test Unknown (65300) OPT');
    expect(d.message.answers[0]!.rdata).toEqual({ kind: 'raw', data: Uint8Array.of(1, 2, 3) });
    expect(d.message.additionals[0]!.rdata).toEqual({ kind: 'OPT', udpPayloadSize: 1232, extendedRcode: 0, version: 0, dnssecOk: true, options: [] });
    expect(values(d.tree, 'dns.data')).toEqual(['010203']);
    expect(values(d.tree, 'dns.resp.z.do')).toEqual(['1']);
    expect(values(d.tree, 'dns.extraneous.length')).toEqual(['5']);
    expect(labels(d.tree)).toContain('Extraneous Data (5 bytes)');
  });

  it('names the sections of a dynamic update after RFC 2136', () => {
    const d = dissectDns(
      bytes(header(10, 0x2800, 1, 1, 1, 0), question(name('zone.test'), 6), record([0xc0, 0x0c], 255, 255, 0, []), record(name('host.zone.test'), 1, 1, 300, [10, 0, 0, 1])),
    );
    expect(d.info).toBe('Dynamic update 0x000a SOA zone.test ANY A 10.0.0.1');
    expect(values(d.tree, 'dns.count.zones')).toEqual(['1']);
    expect(values(d.tree, 'dns.count.updates')).toEqual(['1']);
    expect(labels(d.tree)).toEqual(expect.arrayContaining(['Zone', 'Prerequisites', 'Updates']));
  });

  it('reads a DNS Stateful Operations keepalive', () => {
    const d = dissectDns(bytes(header(11, 0x3000, 0, 0, 0, 0), u16(1), u16(8), u32(15000), u32(3600000)));
    expect(d.info).toBe('DNS Stateful operations (DSO) 0x000b');
    expect(values(d.tree, 'dns.dso.tlv.keepalive.inactivity')).toEqual(['15000']);
    expect(values(d.tree, 'dns.dso.tlv.keepalive.interval')).toEqual(['3600000']);
  });

  it('decodes character strings as ASCII cut at NUL, HINFO and CAA', () => {
    const d = dissectDns(
      bytes(
        header(14, 0x8180, 1, 3, 0, 0),
        question(name('t.test'), 16),
        record([0xc0, 0x0c], 16, 1, 1, [5, 0x61, 0x62, 0, 0x63, 0x64, 4, 0xff, 0x80, 0x7a, 0x7a]),
        record([0xc0, 0x0c], 13, 1, 1, [3, ...Array.from('x86', (c) => c.charCodeAt(0)), 5, ...Array.from('Linux', (c) => c.charCodeAt(0))]),
        record([0xc0, 0x0c], 257, 1, 1, [0x80, 5, ...Array.from('issueca.example', (c) => c.charCodeAt(0))]),
      ),
    );
    expect(d.info).toBe('Standard query response 0x000e TXT t.test TXT HINFO x86 Linux CAA');
    expect(d.message.answers.map((r) => r.rdata)).toEqual([
      { kind: 'TXT', strings: ['ab', '\ufffd\ufffdzz'] },
      { kind: 'HINFO', cpu: 'x86', os: 'Linux' },
      { kind: 'CAA', flags: 0x80, tag: 'issue', value: 'ca.example' },
    ]);
    expect(values(d.tree, 'dns.caa.issue')).toEqual(['ca.example']);
    expect(values(d.tree, 'dns.caa.flags.issuer_critical')).toEqual(['1']);
  });

  it('decodes WKS, MINFO and A6 and warns about a TTL with its top bit set', () => {
    const d = dissectDns(
      bytes(
        header(15, 0x8180, 1, 4, 0, 0),
        question(name('w.test'), 11),
        record([0xc0, 0x0c], 1, 1, 0x80000001, [1, 2, 3, 4]),
        record([0xc0, 0x0c], 11, 1, 5, [1, 2, 3, 4, 6, 0x60, 0, 1]),
        record([0xc0, 0x0c], 14, 1, 5, [...name('r.test'), ...name('e.test')]),
        record([0xc0, 0x0c], 38, 1, 5, [64, 0, 1, 2, 3, 4, 5, 6, 7, ...name('p.test')]),
      ),
    );
    expect(d.info).toBe('Standard query response 0x000f WKS w.test A 1.2.3.4 WKS 1.2.3.4 MINFO w.test A6 64 ::1:203:405:607 p.test');
    expect(labels(d.tree)).toContain('Bits: 0x60 (1, 2)');
    expect(values(d.tree, 'dns.minfo.e')).toEqual(['e.test']);
    expect(values(d.tree, 'dns.a6.address_suffix')).toEqual(['::1:203:405:607']);
    expect(labels(d.tree)).toContain('[Expert Info (Warning/Protocol): The uppermost bit of the TTL is set (RFC 2181, section 8)]');
  });

  it('lists the parameters of an HTTPS record', () => {
    const param = (key: number, value: number[]) => [...u16(key), ...u16(value.length), ...value];
    const ascii = (t: string) => Array.from(t, (c) => c.charCodeAt(0));
    const rdata = [
      ...u16(1),
      0,
      ...param(0, [...u16(1), ...u16(3)]),
      ...param(1, [2, ...ascii('h2'), 8, ...ascii('http/1.1')]),
      ...param(3, u16(8443)),
      ...param(4, [192, 0, 2, 1, 192, 0, 2, 2]),
      ...param(5, [1, 2, 3]),
      ...param(9, ascii('xyz')),
    ];
    const d = dissectDns(bytes(header(21, 0x8180, 1, 1, 0, 0), question(name('svc.test'), 65), record([0xc0, 0x0c], 65, 1, 300, rdata)));
    expect(d.info).toBe('Standard query response 0x0015 HTTPS svc.test HTTPS');
    expect(labels(d.tree).filter((l) => l.startsWith('SvcParam:'))).toEqual([
      'SvcParam: mandatory=alpn,port',
      'SvcParam: alpn=h2,http/1.1',
      'SvcParam: port=8443',
      'SvcParam: ipv4hint=192.0.2.1,192.0.2.2',
      'SvcParam: echconfig=AQID',
      'SvcParam: key9=xyz',
    ]);
    expect(values(d.tree, 'dns.svcb.targetname')).toEqual(['<Root>']);
    expect(values(d.tree, 'dns.svcb.svcparam.alpn')).toEqual(['h2', 'http/1.1']);
  });

  it('reads LLMNR flags with their RFC 4795 meanings', () => {
    const d = dissectDns(bytes(header(0xa706, 0x0500, 1, 0, 0, 0), question(name('wpad'))), { flavor: 'llmnr' });
    expect(labelOf(d.tree.children![0]!)).toBe('Link-local Multicast Name Resolution (query)');
    expect(values(d.tree, 'dns.flags.conflict')).toEqual(['1']);
    expect(values(d.tree, 'dns.flags.tentative')).toEqual(['1']);
    expect(values(d.tree, 'dns.flags.recdesired')).toEqual([]);
  });

  it('splits the mDNS unicast-response and cache-flush bits off the class', () => {
    const d = dissectDns(
      bytes(header(0, 0x8400, 1, 1, 0, 0), question(name('host.local'), 255, 0x8001), record([0xc0, 0x0c], 1, 0x8001, 120, [10, 0, 0, 2])),
      { flavor: 'mdns' },
    );
    expect(d.info).toBe('Standard query response 0x0000 ANY host.local, "QU" question A, cache flush 10.0.0.2');
    expect(d.message.questions[0]).toEqual({ name: 'host.local', type: 255, class: 1, unicastResponse: true });
    expect(d.message.answers[0]).toMatchObject({ class: 1, cacheFlush: true });
    expect(values(d.tree, 'dns.qry.class')).toEqual(['0x0001']);
  });

  it('reads a length-prefixed TCP message and shows dns.length', () => {
    const msg = bytes(header(7, 0x0100, 1, 0, 0, 0), question(name('axfr.test'), 252));
    const d = dissectDns(bytes(u16(msg.length), [...msg]), { transport: 'tcp' });
    expect(d.info).toBe('Standard query 0x0007 AXFR axfr.test');
    expect(values(d.tree, 'dns.length')).toEqual([String(msg.length)]);
  });

  it('reports a truncated message as malformed, keeping what was read', () => {
    const full = bytes(header(0x42, 0x8180, 1, 1, 0, 0), question(name('cut.test')), record([0xc0, 0x0c], 1, 1, 60, [192, 0, 2, 7]));
    const d = dissectDns(full.subarray(0, full.length - 2));
    expect(d.malformed).toBe(true);
    expect(d.info).toBe('Standard query response 0x0042 A cut.test A[Malformed Packet]');
    expect(d.message.questions).toHaveLength(1);
    expect(d.message.answers).toHaveLength(0);
    expect(d.tree.children!.map((n) => labelOf(n))).toEqual(['Domain Name System (response)', '[Malformed Packet: DNS]']);
  });
});
