import { IMAGE_CARRIES } from './image-carries.js';
import { addItem, addSubtree, BASE, decodeAscii, defineExpert, defineFields, defineProtocol, FT, Group, makeDissector, registerMediaType, Severity, vals, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';

const trueFalse = vals({ 0: 'False', 1: 'True' });

export const hfGif = defineProtocol('image-gif', 'Compuserve GIF');
export const gifFields = defineFields('image-gif', {
  version: { abbrev: 'image-gif.version', name: 'Version', type: FT.STRING },
  screenWidth: { abbrev: 'image-gif.screen.width', name: 'Screen width', type: FT.UINT16, base: BASE.DEC },
  screenHeight: { abbrev: 'image-gif.screen.height', name: 'Screen height', type: FT.UINT16, base: BASE.DEC },
  globalColorMapPresent: { abbrev: 'image-gif.global.color_map.present', name: 'Global color map is present', type: FT.UINT8, base: BASE.DEC, strings: trueFalse, bitmask: 0x80 },
  globalColorBpp: { abbrev: 'image-gif.global.color_bpp', name: 'Bits per color minus 1', type: FT.UINT8, base: BASE.DEC, bitmask: 0x70 },
  globalColorMapOrdered: { abbrev: 'image-gif.global.color_map.ordered', name: 'Global color map is ordered', type: FT.UINT8, base: BASE.DEC, strings: trueFalse, bitmask: 0x08 },
  globalBpp: { abbrev: 'image-gif.global.bpp', name: 'Image bits per pixel minus 1', type: FT.UINT8, base: BASE.DEC, bitmask: 0x07 },
  backgroundColor: { abbrev: 'image-gif.image_background_index', name: 'Background color index', type: FT.UINT8, base: BASE.DEC },
  pixelAspectRatio: { abbrev: 'image-gif.global.pixel_aspect_ratio', name: 'Global pixel aspect ratio', type: FT.UINT8, base: BASE.DEC },
  globalColorMap: { abbrev: 'image-gif.global.color_map', name: 'Global color map', type: FT.BYTES },
  imageLeft: { abbrev: 'image-gif.image.left', name: 'Image left position', type: FT.UINT16, base: BASE.DEC },
  imageTop: { abbrev: 'image-gif.image.top', name: 'Image top position', type: FT.UINT16, base: BASE.DEC },
  imageWidth: { abbrev: 'image-gif.image.width', name: 'Image width', type: FT.UINT16, base: BASE.DEC },
  imageHeight: { abbrev: 'image-gif.image.height', name: 'Image height', type: FT.UINT16, base: BASE.DEC },
  localColorMapPresent: { abbrev: 'image-gif.local.color_map.present', name: 'Local color map is present', type: FT.UINT8, base: BASE.DEC, strings: trueFalse, bitmask: 0x80 },
  localColorBpp: { abbrev: 'image-gif.local.color_bpp', name: 'Bits per color minus 1', type: FT.UINT8, base: BASE.DEC, bitmask: 0x70 },
  localColorMapOrdered: { abbrev: 'image-gif.local.color_map.ordered', name: 'Local color map is ordered', type: FT.UINT8, base: BASE.DEC, strings: trueFalse, bitmask: 0x08 },
  localColorMap: { abbrev: 'image-gif.local.color_map', name: 'Local color map', type: FT.BYTES },
  extension: { abbrev: 'image-gif.extension', name: 'Extension', type: FT.NONE },
  extensionLabel: { abbrev: 'image-gif.extension.label', name: 'Extension label', type: FT.UINT8, base: BASE.HEX, strings: vals({ 0xf9: 'Graphics Control', 0xfe: 'Comment', 0xff: 'Application', 0x01: 'Plain Text' }) },
  image: { abbrev: 'image-gif.image', name: 'Image', type: FT.NONE },
  imageCodeSize: { abbrev: 'image-gif.image.code_size', name: 'LZW minimum code size', type: FT.UINT8, base: BASE.DEC },
  trailer: { abbrev: 'image-gif.end', name: 'Trailer (End of the GIF stream)', type: FT.NONE },
  dataBlock: { abbrev: 'image-gif.data_block', name: 'Data block', type: FT.BYTES, allowZero: true },
});
const eiUnknownBlock = defineExpert('image-gif', 'gif.data_block_type.unknown', Group.PROTOCOL, Severity.WARN, 'Unknown GIF data block type');
const extensionNames = gifFields.extensionLabel.strings!;

/** A run of length-prefixed data blocks ending with an empty one; returns the bytes it took. */
function dataBlocks(tvb: Tvb, offset: number, tree: FieldNode | null): number {
  const start = offset;
  let len: number;
  do {
    // An FT_UINT_BYTES item: its length byte read, then all its bytes checked, with a tree or without.
    len = tvb.u8(offset);
    tvb.check(offset, 1 + len);
    const item = tree?.addItem(gifFields.dataBlock, tvb, offset + 1, len) ?? null;
    if (item && item !== tree && tree!.ctx.full) item.appendText(` (length = ${len})`);
    offset += 1 + len;
  } while (len > 0);
  return offset - start;
}

function settingsLabel(kind: string, flags: number): string {
  const colorBits = 1 + ((flags & 0x60) >> 4);
  const pixelBits = 1 + (flags & 7);
  const table = flags & 0x80 ? ` (${kind} color table present)` : '';
  return `${kind} settings:${table} (${colorBits} bit${colorBits === 1 ? '' : 's'} per color) (${pixelBits} bit${pixelBits === 1 ? '' : 's'} per pixel)`;
}

/**
 * GIF images (file-gif.c): signature (its version goes to Info), screen
 * descriptor, color maps, then extension blocks and images up to the
 * trailer. Not a GIF: 0, so it also serves as HTTP's heuristic. Its items
 * check their bytes without a tree too, so an image the capture cut is
 * cut in the summary where it is in the tree.
 */
function dissectGif(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  if (tvb.reported < 20 || !tvb.has(0, 6)) return 0;
  const version = decodeAscii(tvb.view(0, 6));
  if (version !== 'GIF87a' && version !== 'GIF89a') return 0;
  const is89a = version === 'GIF89a';
  pinfo.cols.appendInfo(` (${version})`);
  const full = tree !== null && tree.ctx.full;
  const t = tree ? tree.addProtocol(hfGif, tvb, 0, tvb.length) : null;
  if (full && t !== tree) t!.appendText(`, Version: ${version}`);
  t?.addItem(gifFields.version, tvb, 0, 6);
  addItem(t, gifFields.screenWidth, tvb, 6, 2, true);
  addItem(t, gifFields.screenHeight, tvb, 8, 2, true);
  let offset = 10;
  let flags = tvb.u8(offset);
  const globalFlags = flags;
  const settings = addSubtree(t, tvb, offset, 1, () => settingsLabel('Global', globalFlags));
  addItem(settings, gifFields.globalColorMapPresent, tvb, offset, 1);
  addItem(settings, gifFields.globalColorBpp, tvb, offset, 1);
  if (is89a) addItem(settings, gifFields.globalColorMapOrdered, tvb, offset, 1);
  addItem(settings, gifFields.globalBpp, tvb, offset, 1);
  offset++;
  addItem(t, gifFields.backgroundColor, tvb, offset, 1);
  offset++;
  if (is89a) {
    const ratio = tvb.u8(offset);
    if (ratio) {
      const item = t?.add(gifFields.pixelAspectRatio, tvb, offset, 1, ratio) ?? null;
      // proto_tree_add_uint_format: the format is the whole label, without the field's name.
      if (full && item !== t) item!.setText(`${ratio}, yields an aspect ratio of (15 + ${ratio}) / 64 = ${((15 + ratio) / 64).toFixed(2)}`);
    }
  }
  offset++;
  if (flags & 0x80) {
    const len = 3 * (1 << (1 + (flags & 7)));
    addItem(t, gifFields.globalColorMap, tvb, offset, len);
    offset += len;
  }
  while (tvb.reportedRemaining(offset) > 0) {
    const blockStart = offset;
    const peek = tvb.u8(offset);
    let block: FieldNode | null = null;
    if (peek === 0x21) {
      block = t?.add(gifFields.extension, tvb, offset, 1, null) ?? null;
      offset++;
      const label = tvb.u8(offset);
      addItem(block, gifFields.extensionLabel, tvb, offset, 1);
      if (full && block !== t) block!.appendText(`: ${extensionNames.get(label) ?? `<Warning: Unknown extension 0x${label.toString(16).toUpperCase().padStart(2, '0')}>`}`);
      offset++;
      offset += dataBlocks(tvb, offset, block);
    } else if (peek === 0x2c) {
      block = t?.add(gifFields.image, tvb, offset, 1, null) ?? null;
      offset++;
      addItem(block, gifFields.imageLeft, tvb, offset, 2, true);
      addItem(block, gifFields.imageTop, tvb, offset + 2, 2, true);
      addItem(block, gifFields.imageWidth, tvb, offset + 4, 2, true);
      addItem(block, gifFields.imageHeight, tvb, offset + 6, 2, true);
      offset += 8;
      flags = tvb.u8(offset);
      const localFlags = flags;
      const local = addSubtree(block !== t ? block : null, tvb, offset, 1, () => settingsLabel('Local', localFlags)) ?? block;
      addItem(local, gifFields.localColorMapPresent, tvb, offset, 1);
      addItem(local, gifFields.localColorBpp, tvb, offset, 1);
      if (is89a) addItem(local, gifFields.localColorMapOrdered, tvb, offset, 1);
      addItem(local, gifFields.globalBpp, tvb, offset, 1);
      offset++;
      if (flags & 0x80) {
        const len = 3 * (1 << (1 + (flags & 7)));
        addItem(block, gifFields.localColorMap, tvb, offset, len);
        offset += len;
      }
      addItem(block, gifFields.imageCodeSize, tvb, offset, 1);
      offset++;
      offset += dataBlocks(tvb, offset, block);
    } else if (peek === 0x3b) {
      t?.add(gifFields.trailer, tvb, offset, 1, null);
      offset++;
      break;
    } else {
      pinfo.addExpertItem(t, eiUnknownBlock, tvb, offset, 1);
      offset++;
    }
    if (block && block !== t) block.setLength(offset - blockStart);
  }
  return offset;
}

export const gifDissector = makeDissector('image-gif', 'GIF image', dissectGif, IMAGE_CARRIES);

registerMediaType('image/gif', gifDissector);
