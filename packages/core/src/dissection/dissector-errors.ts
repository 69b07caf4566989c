/**
 * Why a dissector stopped early. These mirror Wireshark's exceptions: they
 * unwind to the frame (or to a layer that catches them, as TCP does for its
 * payload) and become marks in the tree, never crashes.
 */
export const BoundsKind = {
  /** Ran past the captured bytes, which the snapshot length cut: "[Packet size limited during capture]". */
  Captured: 1,
  /** Ran past the bytes the packet itself says it has: "[Malformed Packet]". */
  Reported: 2,
  /** Ran past an unreassembled fragment: "[BoundErrorUnreassembled Packet]". */
  Fragment: 3,
  /** Ran past the end of the data a window was cut from, within the window's own length (ContainedBoundsError). */
  Contained: 4,
} as const;
export type BoundsKind = (typeof BoundsKind)[keyof typeof BoundsKind];

export class DissectorBoundsError extends Error {
  constructor(readonly kind: BoundsKind) {
    super(kind === BoundsKind.Captured ? 'captured length exceeded' : 'reported length exceeded');
  }
}

/** Reassembly could not go on (Wireshark's ReassemblyError), e.g. data past a finished PDU. */
export class ReassemblyError extends Error {}

/** A dissector found something impossible (Wireshark's DissectorError); the message names it. */
export class MalformedError extends Error {}

/** Anything thrown from a dissector that is not one of ours is a bug; still shown, never fatal. */
export function describeDissectorFailure(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
