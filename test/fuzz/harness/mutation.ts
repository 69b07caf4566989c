import type { RawPacket } from '@netdissect/core';
import type { PacketLayout } from './packet-layout.js';
import type { Random } from './random.js';

/** One change made to a case, recorded in the regression sidecar so a failure can be understood. */
export interface AppliedMutation {
  readonly kind: string;
  /** 1-based frame number in the mutated capture, when the change is about one frame. */
  readonly frame?: number;
  readonly detail: string;
}

/** Payload bytes of other frames (any seed capture) that splices may borrow. */
export interface DonorPool {
  payload(rng: Random): Uint8Array | null;
}

export interface PacketMutationContext {
  readonly rng: Random;
  readonly donors: DonorPool;
}

/**
 * A change to one frame. Returns the detail to record, or null when it
 * does not apply to this frame (e.g. a DNS mutation on an HTTP frame);
 * `packet` is changed in place (bytes may be replaced).
 */
export interface PacketMutator {
  readonly kind: string;
  /** How often it is chosen relative to the others. */
  readonly weight: number;
  apply(packet: RawPacket, layout: PacketLayout, ctx: PacketMutationContext): string | null;
}

/** Replace a frame's bytes, keeping caplen in step and len no smaller than caplen. */
export function setBytes(packet: RawPacket, bytes: Uint8Array): void {
  const grew = bytes.length - packet.caplen;
  packet.bytes = bytes;
  packet.caplen = bytes.length;
  packet.len = Math.max(bytes.length, packet.len + grew);
}

/** Values that sit on the edges parsers get wrong. */
export const EDGE_U8 = [0, 1, 0x7f, 0x80, 0xfe, 0xff] as const;
export const EDGE_U16 = [0, 1, 2, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff] as const;
export const EDGE_U32 = [0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff] as const;

export function edgeU16(rng: Random): number {
  return rng.chance(0.8) ? rng.pick(EDGE_U16) : rng.below(0x10000);
}

export function edgeU32(rng: Random): number {
  return rng.chance(0.8) ? rng.pick(EDGE_U32) : rng.u32();
}
