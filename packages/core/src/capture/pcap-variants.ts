/**
 * The pcap variants whose record headers are longer than libpcap's 16 bytes
 * (Alexey Kuznetsov's patched libpcap, Red Hat 6.1, SuSE 6.3, Nokia IPSO),
 * and wiretap's guess among them (libpcap_try_variants): the magic number
 * alone does not tell a Nokia or ss990417 file from a standard one, so each
 * candidate reads the first records, counts what looks wrong in their
 * headers, and the first with nothing wrong (else the least bad) wins. The
 * guess can also pick a longer header for a standard file whose first
 * records are damaged, as tshark then does.
 */
import type { ChunkWindow } from './chunk-window.js';
import { lengthsSwapped, PCAP_RECORD_HEADER_BYTES, readU32, type PcapFileHeader } from './pcap-reader.js';

export type PcapVariant = 'pcap' | 'ss990417' | 'nokia' | 'ss991029' | 'ss990915';

/** Record header length: the 16 standard bytes, then ifindex, protocol, packet type (and for ss990915 two CPU numbers), or Nokia's 4 unknown bytes. */
export const PCAP_RECORD_HEADER_LENGTH: Readonly<Record<PcapVariant, number>> = {
  pcap: PCAP_RECORD_HEADER_BYTES,
  ss990417: 24,
  ss991029: 24,
  ss990915: 28,
  nokia: 20,
};

/** The order wiretap tries them in, for each magic number. */
const STANDARD_MAGIC_VARIANTS: readonly PcapVariant[] = ['pcap', 'ss990417', 'nokia'];
const MODIFIED_MAGIC_VARIANTS: readonly PcapVariant[] = ['ss991029', 'ss990915'];

/** Records read per candidate (MAX_RECORDS_TO_TRY). */
const RECORDS_TO_TRY = 3;
/** An on-the-wire length past this makes a record header suspect (wiretap issue 9634). */
const MAX_PLAUSIBLE_ORIG_LEN = 128 * 1024 * 1024;

/**
 * libpcap_try for one variant, on the records after the file header
 * (window position): 0 when they read well (or the file ends cleanly),
 * else how much looked wrong in the first record that did not.
 */
async function demerits(w: ChunkWindow, header: PcapFileHeader, variant: PcapVariant, maxPacketBytes: number): Promise<number> {
  const hdrLen = PCAP_RECORD_HEADER_LENGTH[variant];
  const le = header.littleEndian;
  let off = 0;
  for (let record = 0; record < RECORDS_TO_TRY; record++) {
    if (!(await w.ensure(off + hdrLen))) return w.available === off ? 0 : 1;
    const b = w.buf;
    const p = w.pos + off;
    const frac = readU32(b, p + 4, le);
    let incl = readU32(b, p + 8, le);
    let orig = readU32(b, p + 12, le);
    if (lengthsSwapped(header.lengthOrder, incl, orig)) [incl, orig] = [orig, incl];
    let bad = 0;
    // Every variant guessed this way counts microseconds.
    if (frac >= 1_000_000) bad++;
    if (incl > maxPacketBytes) bad++;
    if (orig > MAX_PLAUSIBLE_ORIG_LEN) bad++;
    if (incl > header.snaplen) bad++;
    if (incl > orig) bad++;
    if (bad !== 0) return bad;
    off += hdrLen + incl;
    if (!(await w.ensure(off))) return 1;
  }
  return 0;
}

/**
 * Which record-header variant to read a pcap file as. A pipe cannot be read
 * twice: standard pcap there, and no guess for the modified magic (null).
 */
export async function guessPcapVariant(w: ChunkWindow, header: PcapFileHeader, seekable: boolean, maxPacketBytes: number): Promise<PcapVariant | null> {
  if (header.nanosecond) return 'pcap';
  if (!seekable) return header.modified ? null : 'pcap';
  const candidates = header.modified ? MODIFIED_MAGIC_VARIANTS : STANDARD_MAGIC_VARIANTS;
  let best = candidates[0]!;
  let bestDemerits = Infinity;
  for (const variant of candidates) {
    const d = await demerits(w, header, variant, maxPacketBytes);
    if (d === 0) return variant;
    if (d < bestDemerits) {
      best = variant;
      bestDemerits = d;
    }
  }
  return best;
}
