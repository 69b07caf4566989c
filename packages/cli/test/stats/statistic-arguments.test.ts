import { describe, expect, it } from 'vitest';
import { parseIoStat } from '../../src/stats/io-stat.js';
import { parseStatsRequest } from '../../src/stats/stats-request.js';
import { UsageError } from '../../src/usage-error.js';
import '../../src/protocols.js';
import { capture, corpusAvailable, netdissect } from './support/captures.js';

describe('-z arguments', () => {
  it('accepts every statistic with and without a filter', () => {
    for (const arg of [
      'io,phs', 'io,phs,tcp', 'conv,eth', 'conv,tcp,ip.addr == 10.0.0.1', 'endpoints,ipv6', 'endpoints,udp,dns',
      'io,stat,1', 'io,stat,0.5,tcp,,COUNT(tcp.analysis.retransmission)tcp.analysis.retransmission', 'dns,tree', 'dns,tree,dns.flags.response == 1',
      'http,tree', 'http_req,tree', 'http_srv,tree,http', 'expert', 'expert,error', 'expert,Warn,tcp', 'expert,tcp', 'credentials',
      'transcript,tcp,3', 'transcript,tcp,0,smtp', 'dig', 'follow,tcp,ascii,0',
    ]) {
      expect(() => parseStatsRequest(arg), arg).not.toThrow();
    }
  });

  it('rejects mistakes with one clear line', () => {
    const cases: Array<[string, RegExp]> = [
      ['conv,arp', /^conv: unsupported type "arp" \(use eth, ip, ipv6, tcp, udp\)$/],
      ['endpoints', /^endpoints: unsupported type ""/],
      ['io,phsx', /^invalid "-z io,phs\[,<filter>\]" argument$/],
      ['io,stat,x', /^invalid "-z io,stat,<interval>/],
      ['io,stat,1,', /^invalid "-z io,stat,<interval>/],
      ['io,stat,0.0000001', /interval must be >=0.000001 seconds/],
      ['io,stat,1,COUNT()', /didn't specify a field name for COUNT/],
      ['io,stat,1,SUM(no.such.field)', /there is no field named 'no.such.field'/],
      ['io,stat,1,SUM(http.request.method)', /doesn't have integral values/],
      ['io,stat,1,LOAD(frame.len)', /LOAD\(\) is only supported for relative-time fields/],
      ['io,stat,1,AVG(frame.len', /closing parenthesis missing/],
      ['dns,tree,dns.qry.name ==', /^dns,tree: invalid filter "dns.qry.name ==": /],
      ['conv,tcp,tcp.port = 80', /^conv,tcp: invalid filter "tcp.port = 80": /],
      ['transcript,udp,1', /^invalid "-z transcript,tcp,<stream>\[,<protocol>\]" argument/],
      ['transcript,tcp,1,gopher', /^transcript: unknown protocol "gopher"/],
      ['credentials,x', /^invalid -z argument "credentials,x"/],
      ['nosuch,tree', /^invalid -z argument "nosuch,tree"/],
    ];
    for (const [arg, message] of cases) {
      let err: unknown = null;
      try {
        parseStatsRequest(arg);
      } catch (e) {
        err = e;
      }
      expect(err, arg).toBeInstanceOf(UsageError);
      expect((err as Error).message, arg).toMatch(message);
      expect((err as Error).message, arg).not.toContain('\n');
    }
  });

  it('reads io,stat columns and interval precision as tshark does', () => {
    const spec = parseIoStat('io,stat,0.25,tcp, http ,,FRAMES,BYTES()udp,AVG(frame.len)ip');
    expect(spec.intervalUs).toBe(250000);
    expect(spec.precision).toBe(2);
    expect(spec.columns.map((c) => [c.text, c.calc, c.field?.abbrev ?? null, c.filter?.text ?? null])).toEqual([
      ['tcp', 'FRAMES BYTES', null, 'tcp'],
      ['http', 'FRAMES BYTES', null, 'http'],
      [null, 'FRAMES BYTES', null, null],
      ['FRAMES', 'FRAMES', null, null],
      ['BYTES()udp', 'BYTES', null, 'udp'],
      ['AVG(frame.len)ip', 'AVG', 'frame.len', 'ip'],
    ]);
    expect(parseIoStat('io,stat,1.00,ip').precision).toBe(2);
    expect(parseIoStat('io,stat,0').intervalUs).toBeNull();
  });
});

describe.skipIf(!corpusAvailable())('statistics on awkward captures', () => {
  it('exits with status 2 and one line for a bad -z, before reading the capture', async () => {
    const r = await netdissect('-q', '-z', 'conv,bogus', '-r', capture('http/get.pcap'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('netdissect: conv: unsupported type "bogus" (use eth, ip, ipv6, tcp, udp)\n');
  });

  it('refuses to draw billions of io,stat rows for a capture with a bogus timestamp', async () => {
    // smtp.pcap has one frame dated five years after the others.
    const r = await netdissect('-q', '-z', 'io,stat,1', '-r', capture('smtp/smtp.pcap'));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('\nio,stat: the capture spans more than 1000000 intervals; use a longer interval (or 0 for one row).\n');
    // Also when no column counts the late frames: the rows run to the capture's duration
    // (ipv6_options.pcap spans 42 years, its last frames hold no TCP).
    const filtered = await netdissect('-q', '-z', 'io,stat,1,tcp', '-r', capture('ip/ipv6_options.pcap'));
    expect(filtered.stderr).toBe('');
    expect(filtered.stdout).toBe(r.stdout);
  });

  it('runs every statistic over damaged and empty captures without failing', async () => {
    const stats = ['io,phs', 'conv,tcp', 'endpoints,ip', 'io,stat,1', 'dns,tree', 'http,tree', 'http_srv,tree', 'expert', 'credentials', 'transcript,tcp,0', 'dig'];
    for (const file of ['malformed/empty.pcap', 'malformed/dns-invalid-names.pcap', 'malformed/ip4-trunc.pcap', 'malformed/trunc-hdr.pcap']) {
      const r = await netdissect('-q', ...stats.flatMap((s) => ['-z', s]), '-r', capture(file));
      expect(r.stderr.includes('internal error'), file).toBe(false);
      expect(r.stdout, file).toContain('Protocol Hierarchy Statistics');
      expect(r.stdout, file).toContain('Transcript: tcp stream 0');
    }
  });
});
