import { describe, expect, it } from 'vitest';
import { corpusAvailable } from '../../../test/support/paths.js';
import { framesPassing } from './corpus-filter.js';

// dns/dns_udp.pcap: frame 1 is a query (no answers), frame 2 its response
// with four A records (192.139.46.66, 198.199.88.104, 209.87.249.18,
// 97.107.133.15), two AAAA and two NS records. Each row: filter, frames
// that pass, as tshark 4.0 decides.
const DNS_CASES: Array<[string, number[]]> = [
  // == is "any equal", != is "all not equal" (4.0), === "all equal", !== "any not equal".
  ['dns.a == 192.139.46.66', [2]],
  ['dns.a != 192.139.46.66', []],
  ['dns.a != 10.0.0.1', [2]],
  ['dns.a === 192.139.46.66', []],
  ['dns.a !== 192.139.46.66', [2]],
  ['dns.a ~= 192.139.46.66', [2]],
  ['dns.a === 0.0.0.0/0', [2]],
  // A missing field makes a relation false, whatever the operator; "not" turns that around.
  ['dns.a != 10.0.0.1 || !dns.a', [1, 2]],
  ['!(dns.a == 192.139.46.66)', [1]],
  // Explicit quantifiers override the operator's default.
  ['any dns.a != 192.139.46.66', [2]],
  ['all dns.a == 192.139.46.66', []],
  ['all dns.a > 90.0.0.0', [2]],
  ['all dns.a > 100.0.0.0', []],
  ['any dns.a < 100.0.0.0', [2]],
  ['all dns.ns contains "."', [2]],
  ['all dns.ns contains "cooperix"', []],
  // Membership is an "or" of equality (or range) tests, any by default.
  ['dns.a in {10.0.0.1, 97.107.133.15}', [2]],
  ['all dns.a in {0.0.0.0 .. 200.0.0.0}', []],
  ['all dns.a in {0.0.0.0 .. 210.0.0.0}', [2]],
  ['dns.a not in {97.107.133.15}', [1]],
  // Field against field: every pair is tried.
  ['dns.a == ip.src', [2]],
  ['dns.a != ip.src', []],
  ['all dns.a != ip.dst', [2]],
  // count() and len() see every occurrence.
  ['count(dns.a) == 4 && count(dns.aaaa) == 2', [2]],
  ['len(dns.ns) == 16', [2]],
  ['all len(dns.ns) == 16', [2]],
  ['len(dns.qry.name) == 15 && all len(dns.a) == 4', [2]],
  // Arithmetic yields one value per pair of operands.
  ['udp.srcport - udp.dstport == 0 - 53', []],
  ['udp.length - 8 == 224', [2]],
];

describe.skipIf(!corpusAvailable())('fields occurring several times (any/all)', () => {
  it('follows Wireshark 4.0 for ==, !=, ===, !==, any, all, in, functions', async () => {
    const got = await framesPassing('dns/dns_udp.pcap', DNS_CASES.map(([f]) => f));
    expect(DNS_CASES.map(([f], i) => [f, got[i]])).toEqual(DNS_CASES);
  });

  it('selects protocol layers with #', async () => {
    // link/http-qinq-0.pcap: every frame carries two VLAN tags, both with id 0 and priority 5.
    const cases: Array<[string, number]> = [
      ['vlan#2', 14],
      ['vlan#3', 0],
      ['vlan.etype#1 == 0x8100 && vlan.etype#2 == 0x0800', 14],
      ['vlan.etype#[-1] == 0x0800', 14],
      ['vlan.etype#[-1] == 0x8100', 0],
      ['vlan.etype#[1-2] == 0x0800', 14],
      ['vlan.etype#[2:] == 0x8100', 0],
      ['all vlan.priority == 5', 14],
    ];
    const got = await framesPassing('link/http-qinq-0.pcap', cases.map(([f]) => f));
    expect(cases.map(([f], i) => [f, got[i]!.length])).toEqual(cases);
  });
});
