import type { RawPacket } from '@netdissect/core';

export interface PacketQueueLimits {
  /** Packets held at most. */
  packets: number;
  /** Captured bytes held at most. */
  bytes: number;
}

/**
 * Packets copied out of libpcap and not yet taken by the consumer. Bounded
 * in count and bytes: when dissection falls behind the wire, new packets are
 * counted as dropped instead of growing memory without limit.
 */
export class PacketQueue {
  private items: RawPacket[] = [];
  private head = 0;
  private heldBytes = 0;
  /** Packets refused because the queue was full. */
  dropped = 0;

  constructor(readonly limits: PacketQueueLimits) {}

  get length(): number {
    return this.items.length - this.head;
  }

  /**
   * Whether a packet of `caplen` bytes fits; counts a drop when it does not.
   * Asked before copying, so an overloaded capture does not copy what it drops.
   */
  admit(caplen: number): boolean {
    if (this.length < this.limits.packets && this.heldBytes + caplen <= this.limits.bytes) return true;
    this.dropped++;
    return false;
  }

  /** Append a packet that admit() accepted. */
  push(packet: RawPacket): void {
    this.items.push(packet);
    this.heldBytes += packet.caplen;
  }

  /** Remove and return up to `max` packets, oldest first. */
  take(max: number): RawPacket[] {
    const end = Math.min(this.items.length, this.head + max);
    const out = this.items.slice(this.head, end);
    this.head = end;
    for (const p of out) this.heldBytes -= p.caplen;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    }
    return out;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
    this.heldBytes = 0;
  }
}
