import { FieldNode, FieldRegistry, FT, fieldRegistry, TreeContext } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import { checkFilter, compileFilter, FilterSyntaxError } from '@netdissect/filter';
import { corpusAvailable } from '../../../test/support/paths.js';
import { corpusTrees, framesPassing } from './corpus-filter.js';

describe('compileFilter / checkFilter', () => {
  it('passes everything with an empty filter', () => {
    const f = compileFilter('  ');
    expect(f.fields).toEqual([]);
    expect(f.test(FieldNode.root(new TreeContext(null)))).toBe(true);
  });

  it('lists the fields a filter reads, with the protocols its layers count', () => {
    expect(compileFilter('tcp.port == 80 && !udp').fields.map((d) => d.abbrev).sort()).toEqual(['tcp.port', 'udp']);
    expect(compileFilter('ip.src#2 == 10.0.0.1').fields.map((d) => d.abbrev).sort()).toEqual(['ip', 'ip.src']);
    expect(compileFilter('count(eth.src) > 1 || frame[0:3] == 01:02:03').fields.map((d) => d.abbrev).sort()).toEqual(['eth.src', 'frame']);
  });

  it('returns the error with its position instead of throwing from checkFilter', () => {
    expect(checkFilter('tcp.port == 80')).toBeNull();
    const e = checkFilter('ip.addr == 10.0.0.0/33 && tcp');
    expect(e).toBeInstanceOf(FilterSyntaxError);
    expect(e).toMatchObject({ message: 'Netmask bits in a CIDR IPv4 address should be <= 32, not 33', position: 11, length: 11 });
    expect(() => compileFilter('tcp.port ==')).toThrow(FilterSyntaxError);
  });

  it('knows only the fields of the registry it is given', () => {
    const registry = new FieldRegistry();
    registry.define('demo', { abbrev: 'demo', name: 'Demo', type: FT.PROTOCOL });
    registry.define('demo', { abbrev: 'demo.code', name: 'Code', type: FT.UINT8 });
    expect(checkFilter('demo.code == 7', registry)).toBeNull();
    expect(checkFilter('tcp.port == 80', registry)?.message).toBe('Left side of "==" expression must be a field or function, not tcp.port.');
    expect(checkFilter('demo.code == 7', fieldRegistry)?.message).toBe('Left side of "==" expression must be a field or function, not demo.code.');
  });
});

describe.skipIf(!corpusAvailable())('filters over a capture', () => {
  it('compares fields with slices as byte strings, in either order', async () => {
    // dns/dns_udp.pcap: two Ethernet/IPv4 frames, the first from 00:11:22:33:44:55.
    const got = await framesPassing('dns/dns_udp.pcap', [
      'ip.src == frame[26:4]',
      'frame[26:4] == ip.src',
      'ip.src == frame[30:4]',
      'frame[6:6] == 00:11:22:33:44:55',
      'eth.src[0:3] == frame[0:3]',
      'udp[8:2] == 59:34',
      'udp contains "tcpdump"',
    ]);
    expect(got).toEqual([[1, 2], [1, 2], [], [1], [1, 2], [], [1, 2]]);
  });

  it('gives the same answers on a full tree as on a tree pruned to its fields', async () => {
    const texts = ['tcp.port == 80 && http.request', 'tcp.analysis.flags || frame.len > 1000', 'http.request.method in {"GET", "HEAD"}', 'ip.src#1 == 192.168.0.0/16'];
    const filters = texts.map((t) => compileFilter(t));
    const full = await corpusTrees('http/pipelined-requests.pcap', 'full');
    const pruned = await corpusTrees('http/pipelined-requests.pcap', filters);
    for (const f of filters) {
      expect(full.map((t) => f.test(t)), f.text).toEqual(pruned.map((t) => f.test(t)));
      expect(full.some((t) => f.test(t)), f.text).toBe(true);
    }
  });
});
