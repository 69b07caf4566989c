import type { DnsMessage } from '@netdissect/dns';
import { describe, expect, it } from 'vitest';
import { digName, formatDig, rdataText, type DigContext } from '../../src/stats/dig-format.js';
import { capture, corpusAvailable, netdissect } from './support/captures.js';

describe.skipIf(!corpusAvailable())('-z dig', () => {
  it('prints the response of dns_udp.pcap as dig does, sections aligned with tabs', async () => {
    const r = await netdissect('-q', '-z', 'dig', '-r', capture('dns/dns_udp.pcap'));
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      '',
      ';; Frame 2, 0.130282 s: response from 209.87.249.18#53 to 192.168.1.11#43966',
      ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 22836',
      ';; flags: qr aa rd; QUERY: 1, ANSWER: 2, AUTHORITY: 2, ADDITIONAL: 5',
      '',
      ';; OPT PSEUDOSECTION:',
      '; EDNS: version: 0, flags:; udp: 4096',
      ';; QUESTION SECTION:',
      ';www.tcpdump.org.\t\tIN\tA',
      '',
      ';; ANSWER SECTION:',
      'www.tcpdump.org.\t60\tIN\tA\t192.139.46.66',
      'www.tcpdump.org.\t60\tIN\tA\t198.199.88.104',
      '',
      ';; AUTHORITY SECTION:',
      'tcpdump.org.\t\t86400\tIN\tNS\tsns.cooperix.net.',
      'tcpdump.org.\t\t86400\tIN\tNS\tnic.sandelman.ca.',
      '',
      ';; ADDITIONAL SECTION:',
      'nic.sandelman.ca.\t300\tIN\tA\t209.87.249.18',
      'nic.sandelman.ca.\t300\tIN\tAAAA\t2607:f0b0:f::babe:f00d',
      'sns.cooperix.net.\t7200\tIN\tA\t97.107.133.15',
      'sns.cooperix.net.\t7200\tIN\tAAAA\t2600:3c03::f03c:91ff:fe96:e8ef',
      '',
      ';; Query time: 130 msec',
      ';; SERVER: 209.87.249.18#53(209.87.249.18) (UDP)',
      ';; MSG SIZE  rcvd: 224',
      '',
    ]);
  });

  it('shows NXDOMAIN with the SOA of the authority section', async () => {
    const r = await netdissect('-q', '-z', 'dig', '-r', capture('dns/dns_query_nonexistent.pcapng'));
    const lines = r.stdout.split('\n');
    expect(lines).toContain(';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 62015');
    expect(lines).toContain(';12498283719301382971974.net.\tIN\tA');
    expect(lines).toContain('net.\t\t\t899\tIN\tSOA\ta.gtld-servers.net. nstld.verisign-grs.com. 1490970238 1800 900 604800 86400');
  });

  it('reads the TCP length prefix out of the message size and names the transport', async () => {
    const r = await netdissect('-q', '-z', 'dig', '-r', capture('dns/dns_tcp.pcap'));
    expect(r.stdout).toContain(';; SERVER: 209.87.249.18#53(209.87.249.18) (TCP)\n;; MSG SIZE  rcvd: 224\n');
  });

  it('decodes EDNS client subnet options and the DO flag', async () => {
    const r = await netdissect('-q', '-z', 'dig', '-r', capture('dns/edns-opts.pcap'));
    const lines = r.stdout.split('\n');
    expect(lines).toContain('; CLIENT-SUBNET: 192.0.2.0/24/0');
    expect(lines).toContain('; CLIENT-SUBNET: 2001:db8:85a3::8a2e:0:0/100/0');
    expect(lines).toContain('; EDNS: version: 0, flags: do; udp: 4096');
  });

  it('says so when a capture has no DNS response', async () => {
    const r = await netdissect('-q', '-z', 'dig', '-r', capture('http/get.pcap'));
    expect(r.stdout).toBe('\n;; no DNS responses in the capture\n');
  });
});

describe('dig formatting', () => {
  const ctx: DigContext = {
    frame: 7, time: 1.5, server: '10.0.0.53', serverPort: 53, client: '10.0.0.2', clientPort: 40000, transport: 'udp',
    queryTimeMs: null, size: null, malformed: true,
  };

  it('writes names absolute and record data in presentation form', () => {
    expect(digName('<Root>')).toBe('.');
    expect(digName('example.com')).toBe('example.com.');
    expect(rdataText({ kind: 'MX', preference: 10, exchange: 'mail.example.com' })).toBe('10 mail.example.com.');
    expect(rdataText({ kind: 'TXT', strings: ['v=spf1 -all', 'say "hi"'] })).toBe('"v=spf1 -all" "say \\"hi\\""');
    expect(rdataText({ kind: 'raw', data: new Uint8Array([0xde, 0xad]) })).toBe('\\# 2 DEAD');
    expect(rdataText({ kind: 'LOC', version: 0, size: 0x12, horizontalPrecision: 0x16, verticalPrecision: 0x13, latitude: 2 ** 31 + 188543000, longitude: 2 ** 31 + 17612000, altitude: 9999800 }))
      .toBe('52 22 23.000 N 4 53 32.000 E -2.00m 1m 10000m 10m');
  });

  it('prints an UPDATE with its section names, and warns about a malformed message', () => {
    const message: DnsMessage = {
      header: {
        id: 1, flags: 0xa800, response: true, opcode: 5, authoritative: false, truncated: false, recursionDesired: false, recursionAvailable: false,
        z: false, authenticatedData: false, checkingDisabled: false, rcode: 0, questionCount: 1, answerCount: 0, authorityCount: 0, additionalCount: 0,
      },
      questions: [{ name: 'example.com', type: 6, class: 1, unicastResponse: false }],
      answers: [], authorities: [], additionals: [],
    };
    expect(formatDig(message, ctx)).toEqual([
      ';; Frame 7, 1.500000 s: response from 10.0.0.53#53 to 10.0.0.2#40000',
      ';; Warning: Message parser reports malformed message packet.',
      ';; ->>HEADER<<- opcode: UPDATE, status: NOERROR, id: 1',
      ';; flags: qr; ZONE: 1, PREREQ: 0, UPDATE: 0, ADDITIONAL: 0',
      '',
      ';; ZONE SECTION:',
      ';example.com.\t\t\tIN\tSOA',
      '',
      ';; SERVER: 10.0.0.53#53(10.0.0.53) (UDP)',
    ]);
  });
});
