/**
 * Splices between protocols: the payload of a frame from any seed capture
 * (DNS, HTTP, SMTP, ...) put behind this frame's headers, whole or in part,
 * so each port's dissector meets every other protocol's bytes.
 */
import { setBytes, type PacketMutator } from './mutation.js';
import { withPayload } from './packet-layout.js';

export const splicePayload: PacketMutator = {
  kind: 'splice-payload',
  weight: 4,
  apply(p, layout, { rng, donors }) {
    const pl = layout.payload;
    if (!pl) return null;
    const donor = donors.payload(rng);
    if (!donor) return null;
    const own = p.bytes.subarray(pl.offset, pl.end);
    let spliced: Uint8Array;
    let how: string;
    switch (rng.below(3)) {
      case 0:
        spliced = donor;
        how = 'replaced by';
        break;
      case 1: {
        // Own head, donor tail: a protocol that switches mid-stream.
        const cut = rng.below(own.length + 1);
        spliced = new Uint8Array(cut + donor.length);
        spliced.set(own.subarray(0, cut));
        spliced.set(donor, cut);
        how = `cut at ${cut} and continued with`;
        break;
      }
      default: {
        const from = rng.below(donor.length);
        spliced = donor.subarray(from, from + rng.between(1, donor.length - from));
        how = `replaced by bytes ${from}.. of`;
      }
    }
    setBytes(p, withPayload(p.bytes, layout, spliced));
    return `payload (${own.length} bytes) ${how} a ${donor.length}-byte donor payload`;
  },
};
