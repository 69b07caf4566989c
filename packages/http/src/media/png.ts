import { IMAGE_CARRIES } from './image-carries.js';
import { addItem, BASE, decodeAscii, defineExpert, defineFields, defineProtocol, FT, Group, makeDissector, registerMediaType, Severity, vals, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';

export const hfPng = defineProtocol('png', 'Portable Network Graphics');

const chunkTypes = new Map<string, string>([
  ['IHDR', 'Image Header'], ['bKGD', 'Background colour'], ['gAMA', 'Image gamma'], ['iCCP', 'Embedded ICC profile'],
  ['cHRM', 'Primary chromaticities and white point'], ['pHYs', 'Physical pixel dimensions'], ['iTXt', 'International textual data'],
  ['tEXt', 'Textual data'], ['sBIT', 'Significant bits'], ['sRGB', 'Standard RGB colour space'], ['tIME', 'Image last-modification time'],
  ['IDAT', 'Image data chunk'], ['IEND', 'Image Trailer'], ['tRNS', 'Transparency'], ['PLTE', 'Palette'],
]);

export const pngFields = defineFields('png', {
  signature: { abbrev: 'png.signature', name: 'PNG Signature', type: FT.BYTES },
  chunkData: { abbrev: 'png.chunk.data', name: 'Data', type: FT.NONE },
  chunkType: { abbrev: 'png.chunk.type', name: 'Chunk', type: FT.STRING },
  chunkLen: { abbrev: 'png.chunk.len', name: 'Len', type: FT.UINT32, base: BASE.DEC },
  chunkCrc: { abbrev: 'png.chunk.crc', name: 'CRC', type: FT.UINT32, base: BASE.HEX },
  flagAncillary: { abbrev: 'png.chunk.flag.ancillary', name: 'Ancillary', type: FT.BOOLEAN, bitWidth: 32, bitmask: 0x20000000, tfs: { true: 'This is an ANCILLARY chunk', false: 'This is a CRITICAL chunk' } },
  flagPrivate: { abbrev: 'png.chunk.flag.private', name: 'Private', type: FT.BOOLEAN, bitWidth: 32, bitmask: 0x00200000, tfs: { true: 'This is a PRIVATE chunk', false: 'This is a PUBLIC chunk' } },
  flagSafeToCopy: { abbrev: 'png.chunk.flag.stc', name: 'Safe To Copy', type: FT.BOOLEAN, bitWidth: 32, bitmask: 0x00000020, tfs: { true: 'This chunk is SAFE TO COPY', false: 'This chunk is NOT safe to copy' } },
  ihdrWidth: { abbrev: 'png.ihdr.width', name: 'Width', type: FT.UINT32, base: BASE.DEC },
  ihdrHeight: { abbrev: 'png.ihdr.height', name: 'Height', type: FT.UINT32, base: BASE.DEC },
  ihdrBitDepth: { abbrev: 'png.ihdr.bitdepth', name: 'Bit Depth', type: FT.UINT8, base: BASE.DEC },
  ihdrColourType: { abbrev: 'png.ihdr.colour_type', name: 'Colour Type', type: FT.UINT8, base: BASE.DEC, strings: vals({ 0: 'Greyscale', 2: 'Truecolour', 3: 'Indexed-colour', 4: 'Greyscale with alpha', 6: 'Truecolour with alpha' }) },
  ihdrCompression: { abbrev: 'png.ihdr.compression_method', name: 'Compression Method', type: FT.UINT8, base: BASE.DEC, strings: vals({ 0: 'Deflate' }) },
  ihdrFilter: { abbrev: 'png.ihdr.filter_method', name: 'Filter Method', type: FT.UINT8, base: BASE.DEC, strings: vals({ 0: 'Adaptive' }) },
  ihdrInterlace: { abbrev: 'png.ihdr.interlace_method', name: 'Interlace Method', type: FT.UINT8, base: BASE.DEC, strings: vals({ 0: 'No interlace', 1: 'Adam7' }) },
  srgbIntent: { abbrev: 'png.srgb.intent', name: 'Intent', type: FT.UINT8, base: BASE.DEC, strings: vals({ 0: 'Perceptual', 1: 'Relative colorimetric', 2: 'Saturation', 3: 'Absolute colorimetric' }) },
  textKeyword: { abbrev: 'png.text.keyword', name: 'Keyword', type: FT.STRING },
  textString: { abbrev: 'png.text.string', name: 'String', type: FT.STRING },
  timeYear: { abbrev: 'png.time.year', name: 'Year', type: FT.UINT16, base: BASE.DEC },
  timeMonth: { abbrev: 'png.time.month', name: 'Month', type: FT.UINT8, base: BASE.DEC },
  timeDay: { abbrev: 'png.time.day', name: 'Day', type: FT.UINT8, base: BASE.DEC },
  timeHour: { abbrev: 'png.time.hour', name: 'Hour', type: FT.UINT8, base: BASE.DEC },
  timeMinute: { abbrev: 'png.time.minute', name: 'Minute', type: FT.UINT8, base: BASE.DEC },
  timeSecond: { abbrev: 'png.time.second', name: 'Second', type: FT.UINT8, base: BASE.DEC },
  physHoriz: { abbrev: 'png.phys.horiz', name: 'Horizontal pixels per unit', type: FT.UINT32, base: BASE.DEC },
  physVert: { abbrev: 'png.phys.vert', name: 'Vertical pixels per unit', type: FT.UINT32, base: BASE.DEC },
  physUnit: { abbrev: 'png.phys.unit', name: 'Unit', type: FT.UINT8, base: BASE.DEC, strings: vals({ 0: 'Unit is unknown', 1: 'Unit is METRE' }) },
  bkgdPaletteIndex: { abbrev: 'png.bkgd.palette_index', name: 'Palette Index', type: FT.UINT8, base: BASE.DEC },
  bkgdGreyscale: { abbrev: 'png.bkgd.greyscale', name: 'Greyscale', type: FT.UINT16, base: BASE.HEX },
  bkgdRed: { abbrev: 'png.bkgd.red', name: 'Red', type: FT.UINT16, base: BASE.HEX },
  bkgdGreen: { abbrev: 'png.bkgd.green', name: 'Green', type: FT.UINT16, base: BASE.HEX },
  bkgdBlue: { abbrev: 'png.bkgd.blue', name: 'Blue', type: FT.UINT16, base: BASE.HEX },
  chrmWhiteX: { abbrev: 'png.chrm.white.x', name: 'White X', type: FT.FLOAT },
  chrmWhiteY: { abbrev: 'png.chrm.white.y', name: 'White Y', type: FT.FLOAT },
  chrmRedX: { abbrev: 'png.chrm.red.x', name: 'Red X', type: FT.FLOAT },
  chrmRedY: { abbrev: 'png.chrm.red.y', name: 'Red Y', type: FT.FLOAT },
  chrmGreenX: { abbrev: 'png.chrm.green.x', name: 'Green X', type: FT.FLOAT },
  chrmGreenY: { abbrev: 'png.chrm.green.y', name: 'Green Y', type: FT.FLOAT },
  chrmBlueX: { abbrev: 'png.chrm.blue.x', name: 'Blue X', type: FT.FLOAT },
  chrmBlueY: { abbrev: 'png.chrm.blue.y', name: 'Blue Y', type: FT.FLOAT },
  gamma: { abbrev: 'png.gama.gamma', name: 'Gamma', type: FT.FLOAT },
});
const chrmFields = [pngFields.chrmWhiteX, pngFields.chrmWhiteY, pngFields.chrmRedX, pngFields.chrmRedY, pngFields.chrmGreenX, pngFields.chrmGreenY, pngFields.chrmBlueX, pngFields.chrmBlueY];
const eiChunkTooLarge = defineExpert('png', 'png.chunk_too_large', Group.PROTOCOL, Severity.WARN, 'chunk size too large, dissection of this chunk is not supported');

const MAGIC = [137, 80, 78, 71, 13, 10, 26, 10];
const IHDR = 0x49484452;
const SRGB = 0x73524742;
const TEXT = 0x74455874;
const BKGD = 0x624b4744;
const CHRM = 0x6348524d;
const GAMA = 0x67414d41;
const PHYS = 0x70485973;
const TIME = 0x74494d45;
const latin1 = new TextDecoder('latin1');

/**
 * PNG images (file-png.c): the signature, then each chunk's length, type,
 * data (IHDR decoded) and CRC. " (PNG)" goes to Info. Not a PNG: 0, so it
 * also serves as HTTP's heuristic for untyped bodies.
 */
function dissectPng(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  if (tvb.length < 20) return 0;
  for (let i = 0; i < 8; i++) if (tvb.u8(i) !== MAGIC[i]) return 0;
  pinfo.cols.appendInfo(' (PNG)');
  const t = tree ? tree.addProtocol(hfPng, tvb, 0, tvb.length) : null;
  t?.addItem(pngFields.signature, tvb, 0, 8);
  let offset = 8;
  while (tvb.reportedRemaining(offset) > 0) {
    const len = tvb.u32(offset);
    const type = tvb.u32(offset + 4);
    const typeName = decodeAscii(tvb.view(offset + 4, 4));
    // The chunk's subtree (a gint length) checks its bytes exist, with or without a tree: a length past the data ends it here.
    const chunkLen = (len + 12) | 0;
    tvb.check(offset, chunkLen);
    const chunk = t?.ctx.full ? t.addText(tvb, offset, chunkLen, `${chunkTypes.get(typeName) ?? 'unknown'} (${typeName})`) : t;
    const lenItem = chunk?.add(pngFields.chunkLen, tvb, offset, 4, len) ?? null;
    offset += 4;
    if (len > 0x7fffffff) {
      pinfo.expert(lenItem, eiChunkTooLarge);
      return offset;
    }
    chunk?.addItem(pngFields.chunkType, tvb, offset, 4);
    chunk?.addItem(pngFields.flagAncillary, tvb, offset, 4);
    chunk?.addItem(pngFields.flagPrivate, tvb, offset, 4);
    chunk?.addItem(pngFields.flagSafeToCopy, tvb, offset, 4);
    offset += 4;
    dissectChunkData(type, tvb.sub(offset, len), chunk, len);
    offset += len;
    addItem(chunk, pngFields.chunkCrc, tvb, offset, 4);
    offset += 4;
  }
  return offset;
}

type FieldAt = readonly [(typeof pngFields)[keyof typeof pngFields], number, number];

/** The chunks made of fixed fields: each field with its offset and size in the chunk data. */
const FIXED_LAYOUTS = new Map<number, readonly FieldAt[]>([
  [IHDR, [[pngFields.ihdrWidth, 0, 4], [pngFields.ihdrHeight, 4, 4], [pngFields.ihdrBitDepth, 8, 1], [pngFields.ihdrColourType, 9, 1],
    [pngFields.ihdrCompression, 10, 1], [pngFields.ihdrFilter, 11, 1], [pngFields.ihdrInterlace, 12, 1]]],
  [SRGB, [[pngFields.srgbIntent, 0, 1]]],
  [PHYS, [[pngFields.physHoriz, 0, 4], [pngFields.physVert, 4, 4], [pngFields.physUnit, 8, 1]]],
  [TIME, [[pngFields.timeYear, 0, 2], [pngFields.timeMonth, 2, 1], [pngFields.timeDay, 3, 1], [pngFields.timeHour, 4, 1],
    [pngFields.timeMinute, 5, 1], [pngFields.timeSecond, 6, 1]]],
]);

/** A fixed-point value in units of 1/100000 (cHRM, gAMA), computed in single precision as the C code's float. */
function addHundredThousandths(chunk: FieldNode | null, def: (typeof chrmFields)[number], data: Tvb, off: number): void {
  const raw = data.u32(off);
  chunk?.add(def, data, off, 4, Math.fround(Math.fround(raw) / 100000));
}

/** The chunk types decoded here; the others are shown as data. Items check their bytes without a tree too (`chunk` null). */
function dissectChunkData(type: number, data: Tvb, chunk: FieldNode | null, len: number): void {
  switch (type) {
    case BKGD:
      // The length says the colour type: a palette index, a grey level, or red, green and blue.
      if (data.reported === 1) addItem(chunk, pngFields.bkgdPaletteIndex, data, 0, 1);
      else if (data.reported === 2) addItem(chunk, pngFields.bkgdGreyscale, data, 0, 2);
      else if (data.reported === 6) {
        addItem(chunk, pngFields.bkgdRed, data, 0, 2);
        addItem(chunk, pngFields.bkgdGreen, data, 2, 2);
        addItem(chunk, pngFields.bkgdBlue, data, 4, 2);
      }
      return;
    case CHRM:
      for (let i = 0; i < chrmFields.length; i++) addHundredThousandths(chunk, chrmFields[i]!, data, 4 * i);
      return;
    case GAMA:
      addHundredThousandths(chunk, pngFields.gamma, data, 0);
      return;
    case TEXT: {
      const nul = data.find(0, 0);
      if (nul <= 0 || !chunk) return;
      chunk.add(pngFields.textKeyword, data, 0, nul, latin1.decode(data.view(0, nul)));
      chunk.add(pngFields.textString, data, nul + 1, data.remaining(nul + 1), latin1.decode(data.view(nul + 1, data.remaining(nul + 1))));
      return;
    }
    default: {
      const layout = FIXED_LAYOUTS.get(type);
      if (layout) for (const [def, off, n] of layout) addItem(chunk, def, data, off, n);
      else if (len > 0) addItem(chunk, pngFields.chunkData, data, 0, len);
    }
  }
}

export const pngDissector = makeDissector('png', 'PNG', dissectPng, IMAGE_CARRIES);

registerMediaType('image/png', pngDissector);
