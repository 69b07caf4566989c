/**
 * Record-level damage to a capture file itself: pcap file and record
 * headers, pcapng block types, block lengths, section/interface/packet
 * block fields and options, files cut mid-record, blocks repeated.
 */
import { EDGE_U32, edgeU16, edgeU32, type AppliedMutation } from './mutation.js';
import type { Random } from './random.js';

/** A field of a record or block: where it is, how wide, in which byte order. */
interface FieldRef {
  readonly name: string;
  readonly offset: number;
  readonly size: 1 | 2 | 4;
}

interface Region {
  readonly offset: number;
  readonly length: number;
  readonly label: string;
  readonly fields: FieldRef[];
}

const PCAP_MAGICS = [0xa1b2c3d4, 0xa1b23c4d, 0xd4c3b2a1, 0x4d3cb2a1, 0xa1b2cd34, 0];
const LINKTYPES = [0, 1, 9, 12, 101, 108, 113, 228, 229, 276, 147, 0xffff, 0x04000001, 0xf4000001, 0x00010001];
const PCAPNG_BLOCK_TYPES = [0x0a0d0d0a, 1, 2, 3, 4, 5, 6, 10, 0xbad, 0x40000bad, 0x80000001, 7, 0];

function readU32(b: Uint8Array, off: number, le: boolean): number {
  const v = le ? b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24) : (b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!;
  return v >>> 0;
}

function write(b: Uint8Array, f: FieldRef, le: boolean, v: number, base: number): void {
  const off = base + f.offset;
  if (off + f.size > b.length) return;
  for (let i = 0; i < f.size; i++) {
    const shift = 8 * (le ? i : f.size - 1 - i);
    b[off + i] = Math.floor(v / 2 ** shift) & 0xff;
  }
}

/** Records of a classic pcap file: the file header, then each record header with its data. */
function pcapRegions(b: Uint8Array, le: boolean): Region[] {
  const regions: Region[] = [{
    offset: 0, length: 24, label: 'pcap file header',
    fields: [
      { name: 'magic', offset: 0, size: 4 }, { name: 'version major', offset: 4, size: 2 }, { name: 'version minor', offset: 6, size: 2 },
      { name: 'snaplen', offset: 16, size: 4 }, { name: 'link type', offset: 20, size: 4 },
    ],
  }];
  let off = 24;
  for (let n = 1; off + 16 <= b.length; n++) {
    const incl = readU32(b, off + 8, le);
    regions.push({
      offset: off, length: 16 + incl, label: `pcap record ${n}`,
      fields: [
        { name: 'ts_sec', offset: 0, size: 4 }, { name: 'ts_usec', offset: 4, size: 4 },
        { name: 'incl_len', offset: 8, size: 4 }, { name: 'orig_len', offset: 12, size: 4 },
      ],
    });
    off += 16 + incl;
  }
  return regions;
}

/** Blocks of a pcapng file with the fields worth damaging in each. */
function pcapngRegions(b: Uint8Array): { regions: Region[]; le: boolean } {
  const le = b.length >= 12 && readU32(b, 8, true) === 0x1a2b3c4d;
  const regions: Region[] = [];
  let off = 0;
  for (let n = 1; off + 12 <= b.length; n++) {
    const type = readU32(b, off, le);
    const length = readU32(b, off + 4, le);
    if (length < 12 || off + length > b.length) break;
    const fields: FieldRef[] = [
      { name: 'block type', offset: 0, size: 4 }, { name: 'block total length', offset: 4, size: 4 },
      { name: 'trailing block total length', offset: length - 4, size: 4 },
    ];
    if (type === 0x0a0d0d0a) {
      fields.push({ name: 'byte-order magic', offset: 8, size: 4 }, { name: 'major version', offset: 12, size: 2 }, { name: 'section length', offset: 16, size: 4 }, { name: 'first option', offset: 24, size: 4 });
    } else if (type === 1) {
      fields.push({ name: 'link type', offset: 8, size: 2 }, { name: 'snaplen', offset: 12, size: 4 }, { name: 'first option code+length', offset: 16, size: 4 }, { name: 'first option value', offset: 20, size: 1 });
    } else if (type === 6) {
      const caplen = readU32(b, off + 20, le);
      fields.push(
        { name: 'interface id', offset: 8, size: 4 }, { name: 'timestamp high', offset: 12, size: 4 }, { name: 'timestamp low', offset: 16, size: 4 },
        { name: 'captured length', offset: 20, size: 4 }, { name: 'original length', offset: 24, size: 4 },
      );
      const opts = 28 + ((caplen + 3) & ~3);
      if (opts + 4 <= length - 4) fields.push({ name: 'first option code+length', offset: opts, size: 4 });
    }
    regions.push({ offset: off, length, label: `pcapng block ${n} (type 0x${type.toString(16)})`, fields: fields.filter((f) => f.offset + f.size <= length) });
    off += length;
  }
  return { regions, le };
}

/** A new value for a field, chosen by what the field means. */
function valueFor(f: FieldRef, rng: Random, current: number): number {
  switch (f.name) {
    case 'magic': return rng.pick(PCAP_MAGICS);
    case 'link type': return rng.pick(LINKTYPES);
    case 'block type': return rng.pick(PCAPNG_BLOCK_TYPES);
    case 'block total length':
    case 'trailing block total length':
    case 'incl_len':
    case 'orig_len':
    case 'captured length':
    case 'original length':
      return rng.pick([0, 1, 4, 8, 12, current + 1, current + 4, Math.max(0, current - 4), 262144, 262145, 0x7ffffff0, ...EDGE_U32]) >>> 0;
    case 'version major': return rng.pick([0, 1, 2, 3, 543, 0xffff]);
    case 'version minor': return rng.pick([0, 2, 3, 4, 0xffff]);
    case 'first option code+length': return rng.pick([0x00090001, 0xffff0009, 0x0001ffff, 0x000e0008, 0x000dffff, 0, rng.u32()]);
    case 'first option value': return rng.pick([0x00, 0x06, 0x09, 0x13, 0x40, 0x7f, 0x80, 0x8a, 0xbf, 0xff]);
    default: return f.size === 1 ? rng.below(256) : f.size === 2 ? edgeU16(rng) : edgeU32(rng);
  }
}

/**
 * Damage the file: a field of one record or block, a cut mid-file, or a
 * record repeated. Returns the new bytes and what was done.
 */
export function mutateCaptureFile(file: Uint8Array, format: 'pcap' | 'pcapng', rng: Random): { bytes: Uint8Array; mutation: AppliedMutation } {
  const le = format === 'pcapng' || readU32(file, 0, true) === 0xa1b2c3d4 || readU32(file, 0, true) === 0xa1b23c4d;
  const parsed = format === 'pcap' ? { regions: pcapRegions(file, le), le } : pcapngRegions(file);
  const regions = parsed.regions;
  const roll = rng.below(10);
  if (roll === 0 || regions.length === 0) {
    const cut = rng.below(file.length);
    return { bytes: file.slice(0, cut), mutation: { kind: 'file-truncate', detail: `file cut at byte ${cut} of ${file.length}` } };
  }
  if (roll === 1 && regions.length > 1) {
    const r = regions[rng.between(1, regions.length - 1)]!;
    const times = rng.small(4);
    // A damaged seed's record may claim more than the file holds: repeat what is there.
    const length = Math.max(0, Math.min(r.length, file.length - r.offset));
    const at = r.offset + length;
    const out = new Uint8Array(file.length + length * times);
    out.set(file.subarray(0, at));
    for (let i = 0; i < times; i++) out.set(file.subarray(r.offset, at), at + i * length);
    out.set(file.subarray(at), at + length * times);
    return { bytes: out, mutation: { kind: 'file-repeat-record', detail: `${r.label} repeated ${times} time(s)` } };
  }
  const r = rng.pick(regions);
  const f = rng.pick(r.fields);
  const out = file.slice();
  const current = f.size === 4 ? readU32(out, r.offset + f.offset, parsed.le) : 0;
  const v = valueFor(f, rng, current);
  write(out, f, parsed.le, v, r.offset);
  return { bytes: out, mutation: { kind: 'file-field', detail: `${r.label} at byte ${r.offset}: ${f.name} set to 0x${v.toString(16)}` } };
}
