/**
 * What the conversation table keeps of conversations it forgot under
 * maxOpenFlows: the endpoints and one protocol's state packed into numbers
 * (UDP's stream number and clock), so that endpoints talking again take it
 * up. Numbers in typed arrays, not objects: the bench file forgets 100,000
 * DNS lookups between 1 and 2 million packets, and memory must follow the
 * open flows, not the file. One store per address family, so that an IPv4
 * flow keeps one 32-bit word per address and an IPv6 flow four.
 */

import type { Address } from './address.js';
import { IdlestTenth } from './idlest-tenth.js';

/** A protocol's conversation state in `width` numbers (registered with rememberWhenForgotten). */
export interface PackedState {
  readonly key: string;
  readonly width: number;
  pack(value: unknown, out: Float64Array, at: number): boolean;
  unpack(from: Float64Array, at: number): unknown;
}

// Per slot, as 32-bit integers: type, both ports and the last frame seen, then the two addresses' words, as created.
const TYPE = 0, PORTS = 1, LAST_FRAME = 2, ADDRESSES = 3;

/** Both ports in one signed 32-bit integer, as the header stores them. */
function portPair(portA: number, portB: number): number {
  return (portA * 65536 + portB) | 0;
}

export class ForgottenFlows {
  private header = new Int32Array(0);
  /** The protocol's state, `state.width` numbers per slot. */
  private cells = new Float64Array(0);
  /** Next slot with the same key, -1 at the end of a chain. */
  private next = new Int32Array(0);
  private first = new Map<number, number>();
  private readonly free: number[] = [];
  private used = 0;
  /** 32-bit integers per slot in `header`. */
  private readonly headerWidth: number;
  count = 0;

  constructor(
    private readonly state: PackedState,
    /** At most this many; past it the tenth seen the longest ago go for good. */
    private readonly max: number,
    /** 32-bit words per address: 1 for IPv4, 4 for IPv6. */
    private readonly addressWords = 1,
  ) {
    this.headerWidth = ADDRESSES + 2 * addressWords;
  }

  /** Flows it has room for. */
  get slots(): number {
    return this.next.length;
  }

  /** Bytes its typed arrays hold. */
  get bytes(): number {
    return this.header.byteLength + this.cells.byteLength + this.next.byteLength;
  }

  /** Keep `value` (the state) of the conversation with these endpoints; false when it cannot be packed. */
  add(key: number, type: number, a: Address, portA: number, b: Address, portB: number, lastFrame: number, value: unknown): boolean {
    const slot = this.free.pop() ?? this.grow();
    if (!this.state.pack(value, this.cells, slot * this.state.width)) {
      this.free.push(slot);
      return false;
    }
    const h = this.header;
    const at = slot * this.headerWidth;
    const words = this.addressWords;
    h[at + TYPE] = type;
    h[at + PORTS] = portPair(portA, portB);
    h[at + LAST_FRAME] = lastFrame;
    for (let i = 0; i < words; i++) {
      h[at + ADDRESSES + i] = a.word(i);
      h[at + ADDRESSES + words + i] = b.word(i);
    }
    this.next[slot] = this.first.get(key) ?? -1;
    this.first.set(key, slot);
    if (++this.count > this.max) this.dropIdlest();
    return true;
  }

  /** The state kept for a conversation between these endpoints (either way round), taken out; undefined when none. */
  take(key: number, type: number, src: Address, sport: number, dst: Address, dport: number): unknown {
    let prev = -1;
    for (let slot = this.first.get(key) ?? -1; slot >= 0; prev = slot, slot = this.next[slot]!) {
      const at = slot * this.headerWidth;
      const h = this.header;
      if (h[at + TYPE] !== type) continue;
      const ports = h[at + PORTS];
      const same = ports === portPair(sport, dport) && this.holds(at, src, dst);
      if (!same && !(ports === portPair(dport, sport) && this.holds(at, dst, src))) continue;
      const value = this.state.unpack(this.cells, slot * this.state.width);
      this.unlink(key, slot, prev);
      return value;
    }
    return undefined;
  }

  /** Whether the slot at `at` was made with `a` as its first address and `b` as its second. */
  private holds(at: number, a: Address, b: Address): boolean {
    const h = this.header;
    const words = this.addressWords;
    for (let i = 0; i < words; i++) {
      if (h[at + ADDRESSES + i] !== a.word(i) || h[at + ADDRESSES + words + i] !== b.word(i)) return false;
    }
    return true;
  }

  private lastFrame(slot: number): number {
    return this.header[slot * this.headerWidth + LAST_FRAME]!;
  }

  private unlink(key: number, slot: number, prev: number): void {
    const after = this.next[slot]!;
    if (prev >= 0) this.next[prev] = after;
    else if (after >= 0) this.first.set(key, after);
    else this.first.delete(key);
    this.free.push(slot);
    this.count--;
  }

  private grow(): number {
    if (this.used >= this.next.length) {
      // Never past max + 1 slots: the store holds at most max between adds.
      const slots = Math.min(Math.max(1024, 2 * this.used), this.max + 1);
      this.header = grown(this.header, slots * this.headerWidth);
      this.cells = grown(this.cells, slots * this.state.width);
      this.next = grown(this.next, slots);
    }
    return this.used++;
  }

  private dropIdlest(): void {
    const lastFrames = new Float64Array(this.count);
    let n = 0;
    for (const head of this.first.values()) for (let slot = head; slot >= 0; slot = this.next[slot]!) lastFrames[n++] = this.lastFrame(slot);
    const cut = new IdlestTenth(lastFrames);
    for (const [key, head] of this.first) {
      let prev = -1;
      for (let slot = head; slot >= 0; ) {
        const after = this.next[slot]!;
        if (cut.takes(this.lastFrame(slot))) this.unlink(key, slot, prev);
        else prev = slot;
        slot = after;
      }
    }
    // A Map keeps deleted entries' room until it grows again: start afresh at the size held.
    this.first = new Map(this.first);
  }
}

function grown<T extends Int32Array | Float64Array>(from: T, length: number): T {
  const to = new (from.constructor as new (length: number) => T)(length);
  to.set(from);
  return to;
}
