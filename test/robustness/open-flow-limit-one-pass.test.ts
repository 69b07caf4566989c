import { Address, ConversationType, DissectionSession } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import '../../packages/cli/src/protocols.js';
import { dissectFrames, valuesOf } from '../support/dissect-frames.js';
import { ethernet, ipv4, ipv6, packets, tcp, udp } from '../support/frame-builders.js';

const SERVER = [10, 0, 0, 254];
/** A datagram from client `i` (its own address and source port) to an unregistered port of the server. */
const datagram = (i: number): Uint8Array =>
  ethernet(0x0800, ipv4({ protocol: 17, src: [10, 0, 1, i], dst: SERVER }, udp(40000 + i, 5555, new TextEncoder().encode(`datagram of client ${i}`))));

const SERVER6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfe];
/** The same over IPv6: client `i` is 2001:db8::1:0:0:i. */
const datagram6 = (i: number): Uint8Array =>
  ethernet(0x86dd, ipv6({ nextHeader: 17, src: [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, i], dst: SERVER6 }, udp(40000 + i, 5555, new TextEncoder().encode(`datagram of client ${i}`))));

const text = (v: unknown): string => (typeof v === 'object' && v !== null && 'sec' in v && 'nsec' in v ? `${v.sec}.${String(v.nsec).padStart(9, '0')}` : String(v));

/** Each frame's udp.stream, udp.time_relative and udp.time_delta, as text. */
function udpStreams(session: DissectionSession, order: readonly number[], make = datagram): string[] {
  const fields = ['udp.stream', 'udp.time_relative', 'udp.time_delta'];
  return dissectFrames(packets(order.map(make), 250), { session, fields }).map((f) =>
    fields.map((name) => `${name}=${valuesOf(f.tree, name).map(text).join(',')}`).join(' '),
  );
}

// tshark forgets no conversation: a client that reuses a source port long after is back in its old
// udp.stream, its times counted from that stream's first frame. The open-flow limit must not change that.
describe('maxOpenFlows on one pass, UDP flows that come back', () => {
  it('get their stream numbers and times back, as without the limit', () => {
    // Twelve flows, then the first ones again, new ones, and old ones once more.
    const order = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 5, 12, 13, 14, 2, 0, 11, 15, 3];
    const unlimited = udpStreams(new DissectionSession(), order);
    // Up to 6 open: the 10 others are kept as forgotten ones (up to twice the limit).
    const limited = new DissectionSession({ limits: { maxOpenFlows: 6 } });
    expect(udpStreams(limited, order)).toEqual(unlimited);
    expect(limited.conversations.evicted).toBeGreaterThan(5);
    // Client 0 again, 3 s after its first datagram: its old stream, its old clock.
    expect(unlimited[12]).toBe('udp.stream=0 udp.time_relative=3.000000000 udp.time_delta=3.000000000');
  });

  it('get them back over IPv6 too', () => {
    const order = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 5, 12, 13, 14, 2, 0, 11, 15, 3];
    const unlimited = udpStreams(new DissectionSession(), order, datagram6);
    const limited = new DissectionSession({ limits: { maxOpenFlows: 6 } });
    expect(udpStreams(limited, order, datagram6)).toEqual(unlimited);
    expect(limited.conversations.evicted).toBeGreaterThan(5);
    expect(unlimited[12]).toBe('udp.stream=0 udp.time_relative=3.000000000 udp.time_delta=3.000000000');
  });
});

// Which conversations are forgotten must not depend on the protocols above TCP, some of which a
// run may skip (-T fields, -Y): TCP itself notes each segment's frame.
describe('maxOpenFlows on one pass, a busy TCP connection', () => {
  it('is not taken for idle when no protocol above TCP claims its payload', () => {
    // Client 100 sends a segment to an unregistered port between every two new UDP flows.
    const frames: Uint8Array[] = [];
    let seq = 1000;
    for (let i = 0; i < 40; i++) {
      const payload = new TextEncoder().encode(`segment ${i}`);
      frames.push(ethernet(0x0800, ipv4({ protocol: 6, src: [10, 0, 1, 100], dst: SERVER }, tcp({ sport: 50000, dport: 5556, seq, ack: 1, flags: 0x18 }, payload))));
      seq += payload.length;
      frames.push(datagram(2 * i), datagram(2 * i + 1));
    }
    const session = new DissectionSession({ limits: { maxOpenFlows: 8 } });
    const streams = dissectFrames(packets(frames), { session, fields: ['tcp.stream', 'tcp.seq'] })
      .filter((_f, i) => i % 3 === 0)
      .map((f) => `${valuesOf(f.tree, 'tcp.stream').join()} ${valuesOf(f.tree, 'tcp.seq').join()}`);
    expect(session.conversations.evicted).toBeGreaterThan(40);
    // Never forgotten (and taken up again): the conversation is still the one its first segment opened.
    const conv = session.conversations.find(frames.length, ConversationType.TCP, Address.ipv4(0x0a000164), Address.ipv4(0x0a0000fe), 50000, 5556);
    expect(conv?.setupFrame).toBe(1);
    // One stream throughout, its relative sequence numbers counted from its first segment.
    let rel = 1;
    expect(streams).toEqual(Array.from({ length: 40 }, (_v, i) => {
      const line = `0 ${rel}`;
      rel += `segment ${i}`.length;
      return line;
    }));
  });
});

