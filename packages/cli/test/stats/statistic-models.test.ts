import { Address, Group, Severity } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import { conversationsText, endpointsText } from '../../src/stats/conversation-report.js';
import { ConversationTable } from '../../src/stats/conversation-table.js';
import { EndpointTable } from '../../src/stats/endpoint-table.js';
import { ExpertSummary, expertSummaryText } from '../../src/stats/expert-summary.js';
import { ProtocolHierarchy, protocolHierarchyText } from '../../src/stats/protocol-hierarchy.js';
import { StatsTree } from '../../src/stats/stats-tree.js';
import { statsTreeText } from '../../src/stats/stats-tree-text.js';
import { capture, corpusAvailable, netdissect } from './support/captures.js';

const a = Address.ipv4(0x0a000001);
const b = Address.ipv4(0x0a000002);
const t = (sec: number, nsec = 0) => ({ sec, nsec });

describe('conversation and endpoint tables', () => {
  it('counts both directions of a conversation on the row of its first frame, with start and duration', () => {
    const table = new ConversationTable();
    table.add({ src: a, dst: b, srcPort: 1025, dstPort: 80, stream: 0, bytes: 60, relative: t(1), absolute: t(101) });
    table.add({ src: b, dst: a, srcPort: 80, dstPort: 1025, stream: 0, bytes: 1500, relative: t(1, 500000000), absolute: t(101, 500000000) });
    table.add({ src: b, dst: a, srcPort: 80, dstPort: 1025, stream: 1, bytes: 70, relative: t(3), absolute: t(103) });
    const [first, second] = table.rows();
    expect(first).toMatchObject({ portA: 1025, portB: 80, stream: 0, txFrames: 1, txBytes: 60, rxFrames: 1, rxBytes: 1500, start: t(1), stop: t(1, 500000000) });
    expect(second).toMatchObject({ portA: 80, portB: 1025, stream: 1, txFrames: 1, rxFrames: 0 });
    expect(conversationsText('tcp', table.rows(), null).split('\n').slice(5, 7)).toEqual([
      '10.0.0.1:1025              <-> 10.0.0.2:80                      1 1500 bytes       1 60 bytes        2 1560 bytes     1.000000000         0.5000',
      '10.0.0.2:80                <-> 10.0.0.1:1025                    0 0 bytes         1 70 bytes        1 70 bytes      3.000000000         0.0000',
    ]);
  });

  it('lists endpoints by frames, most first, a tie keeping the order first seen', () => {
    const table = new EndpointTable();
    table.add(a, 0, true, 100);
    table.add(b, 0, false, 100);
    table.add(b, 0, true, 50);
    table.add(a, 0, false, 50);
    const c = Address.ipv4(0x0a000003);
    table.add(c, 0, true, 10);
    expect(endpointsText('ip', table.rows(), 'ip.addr == 10.0.0.0/8').split('\n').slice(1, 7)).toEqual([
      'IPv4 Endpoints',
      'Filter:ip.addr == 10.0.0.0/8',
      '                       |  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |',
      '10.0.0.1                       2           150          1             100           1              50   ',
      '10.0.0.2                       2           150          1              50           1             100   ',
      '10.0.0.3                       1            10          1              10           0               0   ',
    ]);
  });
});

describe.skipIf(!corpusAvailable())('headers quoted in ICMP errors', () => {
  it('are not conversations, as tshark\'s taps skip error packets', async () => {
    // Frames 26, 28, 29 and 30 of smtp.pcap are ICMP errors quoting the SMTP connection's packets.
    const r = await netdissect('-q', '-z', 'conv,ip', '-r', capture('smtp/smtp.pcap'));
    expect(r.stdout).toContain('10.10.1.4            <-> 74.53.140.153             25 1980 bytes      28 22 kB          53 24 kB  ');
  });
});

describe('stats trees', () => {
  it('keeps pivots, averages and percentages as Wireshark\'s stats_tree does', () => {
    // The burst window starts at the empty bucket of time 0 until 100 ms have passed, so "reply" bursts from 0.000.
    const tree = new StatsTree('Demo/Packets');
    const total = tree.createNode('Total', tree.root, true);
    const kinds = tree.createPivot('Kind', total);
    tree.createNode('Size');
    for (const [ms, kind, size] of [[0, 'query', 50], [10, 'reply', 150], [20, 'reply', 100]] as const) {
      tree.beginPacket(ms);
      tree.tick('Total');
      tree.tickPivot(kinds, kind);
      tree.tickValue('Size', size);
    }
    const text = statsTreeText(tree).split('\n');
    expect(text[2]).toBe('Demo/Packets:');
    expect(text.slice(5, 10).map((l) => l.replace(/ +$/, ''))).toEqual([
      'Total    3                                                       0.1500        100%          0.0300        0.000',
      ' Kind    3                                                       0.1500        100.00%       0.0300        0.000',
      '  reply  2                                                       0.1000        66.67%        0.0200        0.000',
      '  query  1                                                       0.0500        33.33%        0.0100        0.000',
      'Size     3             100.00        50            150           0.1500        100%          0.0300        0.000',
    ]);
  });
});

describe('expert summary', () => {
  it('groups messages by severity and protocol, counting repeats, from a chosen level up', () => {
    const summary = new ExpertSummary(Severity.NOTE);
    const item = (severity: number, protocol: string, text: string) => ({ frame: 1, severity, group: Group.SEQUENCE, protocol, summary: text, field: null });
    summary.add(item(Severity.WARN, 'TCP', 'Previous segment not captured'));
    summary.add(item(Severity.NOTE, 'TCP', 'Retransmission'));
    summary.add(item(Severity.WARN, 'TCP', 'Previous segment not captured'));
    summary.add(item(Severity.CHAT, 'TCP', 'Connection establish request (SYN)'));
    summary.add(item(Severity.NOTE, 'HTTP', 'Retransmission'));
    expect(expertSummaryText(summary)).toBe(
      '\nWarns (2)\n=============\n   Frequency      Group           Protocol  Summary\n' +
        '           2   Sequence                TCP  Previous segment not captured\n' +
        '\nNotes (2)\n=============\n   Frequency      Group           Protocol  Summary\n' +
        '           1   Sequence                TCP  Retransmission\n' +
        '           1   Sequence               HTTP  Retransmission\n',
    );
  });
});

describe('protocol hierarchy', () => {
  it('nests each frame\'s protocols as a path, siblings in the order first seen', () => {
    const phs = new ProtocolHierarchy();
    phs.add(['eth', 'ip', 'udp', 'dns'], 80);
    phs.add(['eth', 'ip', 'tcp'], 60);
    phs.add(['eth', 'ip', 'udp', 'dns'], 100);
    expect(protocolHierarchyText(phs, '').split('\n').slice(5, 10)).toEqual([
      'eth                                      frames:3 bytes:240',
      '  ip                                     frames:3 bytes:240',
      '    udp                                  frames:2 bytes:180',
      '      dns                                frames:2 bytes:180',
      '    tcp                                  frames:1 bytes:60',
    ]);
  });
});

describe.skipIf(!corpusAvailable())('credentials', () => {
  it('names the frame that carried the FTP user name, as tshark does', async () => {
    const r = await netdissect('-q', '-z', 'credentials', '-r', capture('ftp/ipv4.pcap'));
    expect(r.stdout.split('\n')).toEqual([
      '===================================================================',
      'Packet     Protocol         Username         Info            ',
      '------     --------         --------         --------',
      '9          FTP              anonymous        Username in packet: 6',
      '===================================================================',
      '',
    ]);
  });

  it('lists the POP3 logins Wireshark 4.0 does not report too (APOP, AUTH PLAIN)', async () => {
    const r = await netdissect('-q', '-z', 'credentials', '-r', capture('pop3/ndpi-pop3.pcap'));
    const rows = r.stdout.split('\n').filter((l) => /^\d/.test(l));
    expect(rows[0]).toBe('10         POP3             cicciopernacchio@mail.com Username in packet 6');
    expect(rows.length).toBeGreaterThan(1);
  });
});
