import { DissectionSession } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import '../../packages/cli/src/protocols.js';
import { dissectFrames, valuesOf } from '../support/dissect-frames.js';
import { ethernet, ipv4, ipv6, packets, udp } from '../support/frame-builders.js';

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
