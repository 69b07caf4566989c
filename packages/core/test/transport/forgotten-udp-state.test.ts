// What UDP keeps of a conversation the open-flow limit forgot, packed into
// a Float64Array, and the conversation it gives back when the endpoints
// talk again. On the two-million-packet bench file most DNS conversations
// of the second million are given back this way.
import { describe, expect, it } from 'vitest';
import { forgottenUdpState, UdpConversation } from '../../src/transport/udp.js';
import { retainedHeapMb } from '../../../../test/support/retained-heap.js';

function conversation(stream: number, firstSec: number, firstNsec: number, prevSec: number, prevNsec: number): UdpConversation {
  const u = new UdpConversation(stream);
  u.firstSec = firstSec;
  u.firstNsec = firstNsec;
  u.prevSec = prevSec;
  u.prevNsec = prevNsec;
  return u;
}

const fields = (u: UdpConversation): number[] => [u.stream, u.firstSec, u.firstNsec, u.prevSec, u.prevNsec];

/** Heap held by `make(i)` for i < n, kept in an array. */
function heapMb(n: number, make: (i: number) => UdpConversation): number {
  const { mb, result: kept } = retainedHeapMb(() => Array.from({ length: n }, (_, i) => make(i)));
  expect(kept.length).toBe(n);
  return mb;
}

describe('forgotten UDP conversation state', () => {
  it('gives back the stream and clock it packed, including seconds past 32 bits and before 1970', () => {
    const out = new Float64Array(15);
    const sent = [conversation(7, 1_710_234_000, 5, 1_710_234_002, 999_999_999), conversation(2 ** 31 - 1, 2 ** 33 + 1, 0, 2 ** 33 + 7, 1), conversation(0, -86_400, 0, -3, -1)];
    sent.forEach((u, i) => expect(forgottenUdpState.pack(u, out, 5 * i)).toBe(true));
    expect(forgottenUdpState.pack({ stream: 1 }, out, 0)).toBe(false);
    sent.forEach((u, i) => expect(fields(forgottenUdpState.unpack(out, 5 * i) as UdpConversation)).toEqual(fields(u)));
  });

  it('gives back conversations that cost no more heap than new ones (small integers, not boxed doubles)', () => {
    const n = 100_000;
    const packed = new Float64Array(5 * n);
    for (let i = 0; i < n; i++) forgottenUdpState.pack(conversation(i, 1_710_234_000 + (i >> 6), (i * 7919) % 1e9, 1_710_234_100 + (i >> 6), (i * 104_729) % 1e9), packed, 5 * i);
    const restored = heapMb(n, (i) => forgottenUdpState.unpack(packed, 5 * i) as UdpConversation);
    const fresh = heapMb(n, (i) => conversation(i, 1_710_234_000 + (i >> 6), (i * 7919) % 1e9, 1_710_234_100 + (i >> 6), (i * 104_729) % 1e9));
    // Read back as floats, the four clock fields were four heap numbers per conversation: 6 MB more here.
    expect(restored - fresh, `${restored.toFixed(2)} MB restored, ${fresh.toFixed(2)} MB new`).toBeLessThan(1);
  });
});
