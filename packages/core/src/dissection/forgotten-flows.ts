/**
 * What the conversation table keeps of IPv4 conversations it forgot under
 * maxOpenFlows: the endpoints and one protocol's state packed into numbers
 * (UDP's stream number and clock), so that endpoints talking again take it
 * up. Numbers in typed arrays, not objects: the bench file forgets 100,000
 * DNS lookups between 1 and 2 million packets, and memory must follow the
 * open flows, not the file.
 */

import { idlestTenth } from './idlest-tenth.js';

/** A protocol's conversation state in `width` numbers (registered with rememberWhenForgotten). */
export interface PackedState {
  readonly key: string;
  readonly width: number;
  pack(value: unknown, out: Float64Array, at: number): boolean;
  unpack(from: Float64Array, at: number): unknown;
}

// Per slot: type, the two endpoints' bits and ports as created, the last frame seen, then the state.
const TYPE = 0, BITS_A = 1, BITS_B = 2, PORTS = 3, LAST_FRAME = 4, HEADER = 5;

export class ForgottenFlows {
  private cells = new Float64Array(0);
  /** Next slot with the same key, -1 at the end of a chain. */
  private next = new Int32Array(0);
  private readonly first = new Map<number, number>();
  private readonly free: number[] = [];
  private used = 0;
  count = 0;

  constructor(
    private readonly state: PackedState,
    /** At most this many; past it the tenth seen the longest ago go for good. */
    private readonly max: number,
  ) {}

  private get width(): number {
    return HEADER + this.state.width;
  }

  /** Keep `value` (the state) of the conversation with these endpoints; false when it cannot be packed. */
  add(key: number, type: number, bitsA: number, portA: number, bitsB: number, portB: number, lastFrame: number, value: unknown): boolean {
    const slot = this.free.pop() ?? this.grow();
    const at = slot * this.width;
    if (!this.state.pack(value, this.cells, at + HEADER)) {
      this.free.push(slot);
      return false;
    }
    const c = this.cells;
    c[at + TYPE] = type;
    c[at + BITS_A] = bitsA;
    c[at + BITS_B] = bitsB;
    c[at + PORTS] = portA * 65536 + portB;
    c[at + LAST_FRAME] = lastFrame;
    this.next[slot] = this.first.get(key) ?? -1;
    this.first.set(key, slot);
    if (++this.count > this.max) this.dropIdlest();
    return true;
  }

  /** The state kept for a conversation between these endpoints (either way round), taken out; undefined when none. */
  take(key: number, type: number, bitsS: number, sport: number, bitsD: number, dport: number): unknown {
    let prev = -1;
    for (let slot = this.first.get(key) ?? -1; slot >= 0; prev = slot, slot = this.next[slot]!) {
      const at = slot * this.width;
      const c = this.cells;
      if (c[at + TYPE] !== type) continue;
      const a = c[at + BITS_A], b = c[at + BITS_B], ports = c[at + PORTS];
      const same = a === bitsS && b === bitsD && ports === sport * 65536 + dport;
      const reversed = a === bitsD && b === bitsS && ports === dport * 65536 + sport;
      if (!same && !reversed) continue;
      const value = this.state.unpack(c, at + HEADER);
      this.unlink(key, slot, prev);
      return value;
    }
    return undefined;
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
    if (this.used * this.width >= this.cells.length) {
      const slots = Math.max(1024, 2 * this.used);
      const cells = new Float64Array(slots * this.width);
      cells.set(this.cells);
      this.cells = cells;
      const next = new Int32Array(slots);
      next.set(this.next);
      this.next = next;
    }
    return this.used++;
  }

  private dropIdlest(): void {
    const held: Array<[number, number]> = [];
    for (const [key, head] of this.first) for (let slot = head; slot >= 0; slot = this.next[slot]!) held.push([key, slot]);
    for (const [key, slot] of idlestTenth(held, ([, slot]) => this.cells[slot * this.width + LAST_FRAME]!)) {
      let prev = -1;
      for (let s = this.first.get(key)!; s !== slot; s = this.next[s]!) prev = s;
      this.unlink(key, slot, prev);
    }
  }
}
