// Which UDP datagrams reach which dissector: the DNS, mDNS and LLMNR
// ports, and the DNS-over-UDP heuristic on other ports.
import { describe, expect, it } from 'vitest';
import { dissectPackets } from './capture-frames.js';
import { udpFrame } from './frames.js';
import { bytes, header, name, question, record } from './wire.js';

const client = (port: number) => ({ ip: [192, 168, 1, 10], port });
const server = (port: number) => ({ ip: [192, 168, 1, 1], port });
const query = bytes(header(0x1111, 0x0100, 1, 0, 0, 0), question(name('host.example')));

describe('UDP ports', () => {
  it('sends port 53 to DNS, 5353 to mDNS and 5355 to LLMNR', () => {
    const frames = dissectPackets([
      udpFrame(1, client(40001), server(53), query),
      udpFrame(2, client(5353), server(5353), query),
      udpFrame(3, client(40002), server(5355), query),
    ]);
    expect(frames.map((f) => f.protocol)).toEqual(['DNS', 'MDNS', 'LLMNR']);
    expect(frames.map((f) => f.tree.children!.map((n) => n.def?.abbrev).at(-1))).toEqual(['dns', 'mdns', 'llmnr']);
    expect(frames[1]!.info).toBe('Standard query 0x1111 A host.example, "QM" question');
  });

  it('recognises DNS on another port by its header, and matches the answer', () => {
    const response = bytes(header(0x1111, 0x8180, 1, 1, 0, 0), question(name('host.example')), record([0xc0, 0x0c], 1, 1, 60, [192, 0, 2, 9]));
    const frames = dissectPackets([udpFrame(1, client(40003), server(5300), query), udpFrame(2, server(5300), client(40003), response)]);
    expect(frames.map((f) => f.info)).toEqual(['Standard query 0x1111 A host.example', 'Standard query response 0x1111 A host.example A 192.0.2.9']);
    expect(frames[0]!.values('dns.response_in')).toEqual(['2']);
  });

  it('leaves alone what does not look like DNS, and NetBIOS name service traffic', () => {
    const notDns = bytes(header(1, 0x0100, 2, 0, 0, 0), question(name('a')), question(name('b')));
    const frames = dissectPackets([udpFrame(1, client(40004), server(5300), notDns), udpFrame(2, client(137), server(137), query)]);
    expect(frames.map((f) => f.protocol)).toEqual(['UDP', 'UDP']);
    expect(frames.every((f) => f.values('dns.id').length === 0)).toBe(true);
  });
});
