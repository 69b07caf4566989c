// DNS over TCP: several messages in one segment, a message split across
// segments, and the same captures re-cut into tiny segments.
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusPath } from '../../../test/support/paths.js';
import { readAllPackets, resegmentTcp } from '../../../test/support/resegment-tcp.js';
import { dissectPackets, type Frame } from './capture-frames.js';
import { tcpFrame } from './frames.js';
import { bytes, header, name, question, record, u16 } from './wire.js';

const CLIENT = { ip: [10, 0, 0, 1], port: 40000 };
const SERVER = { ip: [10, 0, 0, 2], port: 53 };
const SYN = 0x02;
const ACK = 0x10;
const PSH_ACK = 0x18;

const segment = (no: number, fromClient: boolean, seq: number, ack: number, flags: number, payload: Uint8Array) =>
  fromClient ? tcpFrame(no, CLIENT, SERVER, seq, ack, flags, payload) : tcpFrame(no, SERVER, CLIENT, seq, ack, flags, payload);

function lengthPrefixed(msg: Uint8Array): Uint8Array {
  return bytes(u16(msg.length), [...msg]);
}

const query = (id: number, qname: string) => lengthPrefixed(bytes(header(id, 0x0100, 1, 0, 0, 0), question(name(qname))));
const answer = (id: number, qname: string, last: number) =>
  lengthPrefixed(bytes(header(id, 0x8180, 1, 1, 0, 0), question(name(qname)), record([0xc0, 0x0c], 1, 1, 60, [192, 0, 2, last])));

describe('DNS over TCP', () => {
  it('dissects two queries in one segment, and two responses cut mid-message, as tshark does', () => {
    const queries = bytes([...query(1, 'one.test')], [...query(2, 'two.test')]);
    const responses = bytes([...answer(1, 'one.test', 1)], [...answer(2, 'two.test', 2)]);
    const cut = answer(1, 'one.test', 1).length + 5;
    let cs = 1000;
    let ss = 5000;
    const packets = [
      segment(1, true, cs++, 0, SYN, new Uint8Array(0)),
      segment(2, false, ss++, cs, SYN | ACK, new Uint8Array(0)),
      segment(3, true, cs, ss, ACK, new Uint8Array(0)),
      segment(4, true, cs, ss, PSH_ACK, queries),
      segment(5, false, ss, cs + queries.length, PSH_ACK, responses.subarray(0, cut)),
      segment(6, false, ss + cut, cs + queries.length, PSH_ACK, responses.subarray(cut)),
    ];
    const frames = dissectPackets(packets);
    const [, , , q, r1, r2] = frames as [Frame, Frame, Frame, Frame, Frame, Frame];
    // Info is that of the last message in the frame; the tree has both.
    expect(q.info).toBe('Standard query 0x0002 A two.test');
    expect(q.tree.children!.filter((n) => n.def?.abbrev === 'dns')).toHaveLength(2);
    expect(q.values('dns.id')).toEqual(['0x0001', '0x0002']);
    expect(q.values('dns.response_in')).toEqual(['5', '6']);
    expect(r1.info).toBe('Standard query response 0x0001 A one.test A 192.0.2.1');
    expect(r1.values('dns.a')).toEqual(['192.0.2.1']);
    expect(r2.info).toBe('Standard query response 0x0002 A two.test A 192.0.2.2');
    expect(r2.values('dns.response_to')).toEqual(['4']);
    expect(r2.values('dns.length')).toEqual(['42']);
  });
});

/** The DNS content of a dissection, independent of which frame carried each message. */
function dnsMessages(frames: Frame[]): string[][] {
  const fields = ['dns.id', 'dns.qry.name', 'dns.resp.name', 'dns.resp.type', 'dns.a', 'dns.soa.serial_number', 'dns.srv.target', 'dns.dnskey.key_id', 'dns.rrsig.signature'];
  return frames.filter((f) => f.values('dns.id').length > 0).map((f) => fields.map((x) => f.values(x).join(',')));
}

describe.skipIf(!corpusAvailable())('DNS over TCP re-cut into small segments', () => {
  for (const capture of ['dns/dns_axfr.pcapng', 'dns/csanders-dns_tcp.pcapng', 'dns/dns_tcp.pcap']) {
    it(`${capture}: the same messages whatever the segment size`, async () => {
      const packets = await readAllPackets(corpusPath(capture));
      const whole = dnsMessages(dissectPackets(packets));
      expect(whole.length).toBeGreaterThan(0);
      for (const size of [1, 7, 100]) {
        const frames = dissectPackets(resegmentTcp(packets, size));
        expect(dnsMessages(frames), `segments of ${size} bytes`).toEqual(whole);
        expect(frames.some((f) => f.malformed)).toBe(false);
      }
    });
  }
});
