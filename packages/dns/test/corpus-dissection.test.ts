// DNS, mDNS and LLMNR frames of the shared corpus, checked against what
// tshark 4.0 shows for them (values copied from `tshark -2 -V` / -T fields).
import { DissectionSession, TreeContext, labelOf } from '@netdissect/core';
import { DNS_TAP, type DnsTapData } from '@netdissect/dns';
import { describe, expect, it } from 'vitest';
import { readAllPackets } from '../../../test/support/resegment-tcp.js';
import { corpusAvailable, corpusPath } from '../../../test/support/paths.js';
import { dissectFile, type Frame } from './capture-frames.js';

const frame = (frames: Frame[], no: number): Frame => frames[no - 1]!;

describe.skipIf(!corpusAvailable())('DNS over UDP (dns/dns_udp.pcap)', () => {
  it('shows the query and its response as tshark does, linked both ways', async () => {
    const frames = await dissectFile(corpusPath('dns/dns_udp.pcap'));
    const q = frame(frames, 1);
    const r = frame(frames, 2);
    expect(q.protocol).toBe('DNS');
    expect(q.info).toBe('Standard query 0x5934 A www.tcpdump.org OPT');
    expect(r.info).toBe(
      'Standard query response 0x5934 A www.tcpdump.org A 192.139.46.66 A 198.199.88.104 NS sns.cooperix.net NS nic.sandelman.ca ' +
        'A 209.87.249.18 AAAA 2607:f0b0:f::babe:f00d A 97.107.133.15 AAAA 2600:3c03::f03c:91ff:fe96:e8ef OPT',
    );
    expect(q.values('dns.response_in')).toEqual(['2']);
    expect(r.values('dns.response_to')).toEqual(['1']);
    expect(r.values('dns.time')).toEqual(['0.130282000']);
    expect(r.values('dns.a')).toEqual(['192.139.46.66', '198.199.88.104', '209.87.249.18', '97.107.133.15']);
    expect(r.values('dns.aaaa')).toEqual(['2607:f0b0:f::babe:f00d', '2600:3c03::f03c:91ff:fe96:e8ef']);
    expect(r.values('dns.ns')).toEqual(['sns.cooperix.net', 'nic.sandelman.ca']);
    expect(q.values('dns.opt.cookie.client')).toEqual(['42f5d00996f90b13']);
    expect(q.values('dns.rr.udp_payload_size')).toEqual(['4096']);
    expect(r.values('dns.resp.ttl')).toEqual(['60', '60', '86400', '86400', '300', '300', '7200', '7200']);
    expect(r.values('dns.flags')).toEqual(['0x8500']);
  });

  it('labels the tree as Wireshark does', async () => {
    const frames = await dissectFile(corpusPath('dns/dns_udp.pcap'));
    const dns = frame(frames, 2).tree.children!.find((n) => n.def?.abbrev === 'dns')!;
    const labels: string[] = [];
    dns.forEach((n) => labels.push(labelOf(n)));
    expect(labelOf(dns)).toBe('Domain Name System (response)');
    expect(labels).toContain('Flags: 0x8500 Standard query response, No error');
    expect(labels).toContain('.... .1.. .... .... = Authoritative: Server is an authority for domain');
    expect(labels).toContain('www.tcpdump.org: type A, class IN, addr 192.139.46.66');
    expect(labels).toContain('Time to live: 86400 (1 day)');
    expect(labels).toContain('[Time: 0.130282000 seconds]');
  });

  it('publishes the typed message on the dns tap', async () => {
    const session = new DissectionSession();
    const seen: DnsTapData[] = [];
    session.addTap(DNS_TAP, (_p, d) => seen.push(d as DnsTapData));
    for (const p of await readAllPackets(corpusPath('dns/dns_udp.pcap'))) session.dissect(p, null);
    expect(seen.map((d) => d.transport)).toEqual(['udp', 'udp']);
    const response = seen[1]!.message;
    expect(response.header).toMatchObject({ id: 0x5934, response: true, authoritative: true, rcode: 0, answerCount: 2, authorityCount: 2, additionalCount: 5 });
    expect(response.questions).toEqual([{ name: 'www.tcpdump.org', type: 1, class: 1, unicastResponse: false }]);
    expect(response.answers[0]).toMatchObject({ name: 'www.tcpdump.org', type: 1, ttl: 60, rdlength: 4, rdata: { kind: 'A', address: '192.139.46.66' } });
    expect(response.authorities[1]!.rdata).toEqual({ kind: 'NS', name: 'nic.sandelman.ca' });
    const opt = response.additionals[4]!.rdata;
    expect(opt).toMatchObject({ kind: 'OPT', udpPayloadSize: 4096, version: 0, dnssecOk: false });
  });
});

describe.skipIf(!corpusAvailable())('DNS over TCP', () => {
  it('reassembles an AXFR query split over two segments and decodes the 21-record transfer', async () => {
    const frames = await dissectFile(corpusPath('dns/dns_axfr.pcapng'));
    expect(frame(frames, 4).protocol).toBe('TCP');
    const q = frame(frames, 6);
    expect(q.info).toBe('Standard query 0x0007 AXFR contoso.local');
    expect(q.values('dns.length')).toEqual(['33']);
    expect(q.values('dns.response_in')).toEqual(['7']);
    const r = frame(frames, 7);
    expect(r.values('dns.count.answers')).toEqual(['21']);
    expect(r.values('dns.length')).toEqual(['1154']);
    expect(r.values('dns.soa.mname')).toEqual(['dns3.contoso.local', 'dns3.contoso.local']);
    expect(r.values('dns.soa.serial_number')).toEqual(['71', '71']);
    expect(r.values('dns.srv.service').slice(0, 3)).toEqual(['_gc', '_kerberos', '_ldap']);
    expect(r.values('dns.srv.name')[0]).toBe('Default-First-Site-Name._sites.contoso.local');
    expect(r.values('dns.srv.port')).toEqual(['3268', '88', '389', '3268', '88', '464', '389', '88', '464', '389', '389', '389', '389']);
    expect(r.info.startsWith('Standard query response 0x0007 AXFR contoso.local SOA dns3.contoso.local A 172.16.16.139 NS dns3.contoso.local')).toBe(true);
  });

  it('waits for the rest of a response whose first segment carries one byte (DNSSEC records)', async () => {
    const frames = await dissectFile(corpusPath('dns/csanders-dns_tcp.pcapng'));
    expect(frame(frames, 8).info).toContain('[TCP segment of a reassembled PDU]');
    const r = frame(frames, 10);
    expect(r.info).toBe('Standard query response 0xb4c3 ANY ripe.net DNSKEY DNSKEY DNSKEY DNSKEY RRSIG DS DS RRSIG');
    expect(r.values('dns.dnskey.key_id')).toEqual(['47252', '8058', '34336', '60338']);
    expect(r.values('dns.ds.digest_type')).toEqual(['1', '2']);
    expect(r.values('dns.rrsig.signers_name')).toEqual(['ripe.net', 'net']);
  });
});

describe.skipIf(!corpusAvailable())('EDNS(0) options (dns/edns-opts.pcap)', () => {
  it('decodes client subnet, cookie, keepalive, padding, NSID and algorithm lists', async () => {
    const frames = await dissectFile(corpusPath('dns/edns-opts.pcap'));
    expect(frame(frames, 7).values('dns.opt.client.addr4')).toEqual(['192.1.2.3']);
    expect(frame(frames, 7).values('dns.opt.client.netmask')).toEqual(['32']);
    // An IPv6 subnet option longer than an address: capped at 16 bytes, as Wireshark does.
    expect(frame(frames, 9).values('dns.opt.client.addr6')).toEqual(['2001:db8:85a3::8a2e:0:0']);
    expect(frame(frames, 19).values('dns.opt.edns_tcp_keepalive.timeout')).toEqual(['1234']);
    expect(frame(frames, 31).values('dns.opt.data')).toEqual(['00112233445566778899']);
    expect(frame(frames, 37).values('dns.opt.code')).toEqual(['3', '12', '10']);
    expect(frame(frames, 37).values('dns.opt.padding')).toEqual(['000000000000000000000000']);
    expect(frame(frames, 15).values('dns.opt.dau')).toEqual(['253']);
    // The closest trust point is shown as its wire bytes read as text.
    expect(frame(frames, 41).values('dns.opt.chain.fqdn')).toEqual(['\x03com']);
  });
});

describe.skipIf(!corpusAvailable())('DNSSEC denial of existence (dns/nsec3.pcap)', () => {
  it('shows NSEC3 hashes in base32hex and the type bitmaps as record types', async () => {
    const r = frame(await dissectFile(corpusPath('dns/nsec3.pcap')), 2);
    expect(r.info).toBe('Standard query response 0x266b No such name A foobar.sshfp.net NSEC3 RRSIG NSEC3 RRSIG SOA ns0.weberdns.de RRSIG OPT');
    expect(r.values('dns.nsec3.hash_value')).toEqual(['7m53tdgqjnt9a6i2qtrpo7ol0q2q06a7', 'so7gf8pjf86diqr1ahf14h4mvbhjaiu6']);
    expect(r.values('dns.nsec3.salt_value')).toEqual(['80637d8af055b5eeca2a621edaaa3c5e', '80637d8af055b5eeca2a621edaaa3c5e']);
    expect(r.values('dns.resp.type')).toEqual(['50', '1', '2', '6', '15', '16', '28', '46', '48', '51', '46', '50', '1', '28', '46', '46', '6', '46', '41']);
    expect(r.values('dns.rrsig.signature_expiration')[0]).toMatch(/^Oct {2}8, 2018 /);
  });
});

describe.skipIf(!corpusAvailable())('mDNS and LLMNR', () => {
  it('shows QU/QM questions and cache-flush records, and matches mDNS responses to queries', async () => {
    const frames = await dissectFile(corpusPath('dns/DnsPackets.pcap'));
    const q = frame(frames, 418);
    expect(q.protocol).toBe('MDNS');
    expect(q.info).toBe('Standard query 0x0000 ANY Yaels-iPhone.local, "QU" question A 10.0.0.2 OPT');
    expect(q.values('dns.qry.qu')).toEqual(['1']);
    expect(q.values('dns.response_in')).toEqual(['421']);
    expect(q.tree.children!.some((n) => n.def?.abbrev === 'mdns')).toBe(true);
    const r = frame(frames, 421);
    expect(r.info).toBe(
      'Standard query response 0x0000 PTR, cache flush Yaels-iPhone.local A, cache flush 10.0.0.2 NSEC, cache flush 2.0.0.10.in-addr.arpa NSEC, cache flush Yaels-iPhone.local OPT',
    );
    expect(r.values('dns.resp.cache_flush')).toEqual(['1', '1', '1', '1', '0']);
    expect(r.values('dns.response_to')).toEqual(['418']);
  });

  it('flags a repeated LLMNR query as a retransmission of the first', async () => {
    const frames = await dissectFile(corpusPath('dns/DnsPackets.pcap'));
    expect(frame(frames, 21).protocol).toBe('LLMNR');
    expect(frame(frames, 21).info).toBe('Standard query 0xa706 A wpad');
    expect(frame(frames, 23).values('dns.retransmission')).toEqual(['1']);
    expect(frame(frames, 23).values('dns.retransmit_request_in')).toEqual(['21']);
    expect(frame(frames, 20).values('dns.response_to')).toEqual(['19']);
  });

  it('flags repeated mDNS responses as retransmissions of the first answer', async () => {
    const frames = await dissectFile(corpusPath('ip/v6-http.pcap'));
    expect(frame(frames, 9).values('dns.retransmit_request_in')).toEqual(['8']);
    expect(frame(frames, 11).values('dns.retransmit_response_in')).toEqual(['10']);
    expect(frame(frames, 10).values('dns.response_to')).toEqual(['8']);
    expect(frame(frames, 7).info).toMatch(/^Standard query response 0x0000 HINFO, cache flush I686 LINUX AAAA, cache flush /);
  });
});

describe.skipIf(!corpusAvailable())('malformed names (malformed/dns-invalid-names.pcap)', () => {
  it('marks truncated names malformed and shows a pointer loop as Wireshark does', async () => {
    const frames = await dissectFile(corpusPath('malformed/dns-invalid-names.pcap'));
    expect(frames.map((f) => f.info)).toEqual([
      'Standard query 0x2222[Malformed Packet]',
      'Standard query 0x2223 A <Name contains a pointer that loops>',
      'Standard query 0x2224[Malformed Packet]',
    ]);
    expect(frames.map((f) => f.malformed)).toEqual([true, false, true]);
    expect(frames[0]!.tree.children!.map((n) => labelOf(n))).toContain('[Malformed Packet: DNS]');
    expect(frames[1]!.values('dns.qry.name')).toEqual(['<Name contains a pointer that loops>']);
    expect(frames[1]!.values('dns.qry.name.len')).toEqual(['36']);
  });

  it('takes the pointer limit from the session limits', async () => {
    const session = new DissectionSession({ limits: { dnsMaxPointers: 1 } });
    const packets = await readAllPackets(corpusPath('malformed/dns-invalid-names.pcap'));
    const f = session.dissect(packets[1]!, new TreeContext());
    expect(f.pinfo.cols.info).toBe('Standard query 0x2223 A <Name contains a pointer that loops>');
  });
});
