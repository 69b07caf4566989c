import { IMAGE_CARRIES } from './image-carries.js';
import { addAsciiItem, addItem, BASE, defineFields, defineProtocol, FT, makeDissector, registerMediaType, vals, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';
import { asciiCString } from '../line-scan.js';

export const hfJfif = defineProtocol('image-jfif', 'JPEG File Interchange Format');

/** Marker names (vals_marker); markers without one are reserved. */
const markerNames = new Map<number, string>([
  [0xff01, 'Reserved - For temporary private use in arithmetic coding'],
  [0xffc0, 'Start of Frame (non-differential, Huffman coding) - Baseline DCT'],
  [0xffc1, 'Start of Frame (non-differential, Huffman coding) - Extended sequential DCT'],
  [0xffc2, 'Start of Frame (non-differential, Huffman coding) - Progressive DCT'],
  [0xffc3, 'Start of Frame (non-differential, Huffman coding) - Lossless (sequential)'],
  [0xffc4, 'Define Huffman table(s)'],
  [0xffc5, 'Start of Frame (differential, Huffman coding) - Differential sequential DCT'],
  [0xffc6, 'Start of Frame (differential, Huffman coding) - Differential progressive DCT'],
  [0xffc7, 'Start of Frame (differential, Huffman coding) - Differential lossless (sequential)'],
  [0xffc8, 'Start of Frame (non-differential, arithmetic coding) - Reserved for JPEG extensions'],
  [0xffc9, 'Start of Frame (non-differential, arithmetic coding) - Extended sequential DCT'],
  [0xffca, 'Start of Frame (non-differential, arithmetic coding) - Progressive DCT'],
  [0xffcb, 'Start of Frame (non-differential, arithmetic coding) - Lossless (sequential)'],
  [0xffcc, 'Define arithmetic coding conditioning(s)'],
  [0xffcd, 'Start of Frame (differential, arithmetic coding) - Differential sequential DCT'],
  [0xffce, 'Start of Frame (differential, arithmetic coding) - Differential progressive DCT'],
  [0xffcf, 'Start of Frame (differential, arithmetic coding) - Differential lossless (sequential)'],
  ...Array.from({ length: 8 }, (_, i) => [0xffd0 + i, `Restart interval termination - Restart with modulo 8 count ${i}`] as [number, string]),
  [0xffd8, 'Start of Image'],
  [0xffd9, 'End of Image'],
  [0xffda, 'Start of Scan'],
  [0xffdb, 'Define quantization table(s)'],
  [0xffdc, 'Define number of lines'],
  [0xffdd, 'Define restart interval'],
  [0xffde, 'Define hierarchical progression'],
  [0xffdf, 'Expand reference component(s)'],
  ...Array.from({ length: 16 }, (_, i) => [0xffe0 + i, `Reserved for application segments - ${i}`] as [number, string]),
  ...Array.from({ length: 14 }, (_, i) => [0xfff0 + i, `Reserved for JPEG extensions - ${i}`] as [number, string]),
  [0xfffe, 'Comment'],
]);

export const jfifFields = defineFields('image-jfif', {
  marker: { abbrev: 'image-jfif.marker', name: 'Marker', type: FT.UINT16, base: BASE.HEX, strings: markerNames },
  markerSegment: { abbrev: 'image-jfif.marker_segment', name: 'Marker segment', type: FT.NONE },
  length: { abbrev: 'image-jfif.length', name: 'Length', type: FT.UINT16, base: BASE.DEC },
  identifier: { abbrev: 'image-jfif.identifier', name: 'Identifier', type: FT.STRINGZ },
  version: { abbrev: 'image-jfif.version', name: 'Version', type: FT.NONE },
  versionMajor: { abbrev: 'image-jfif.version.major', name: 'Major Version', type: FT.UINT8, base: BASE.DEC },
  versionMinor: { abbrev: 'image-jfif.version.minor', name: 'Minor Version', type: FT.UINT8, base: BASE.DEC },
  units: { abbrev: 'image-jfif.units', name: 'Units', type: FT.UINT8, base: BASE.DEC, strings: vals({ 0: 'No units; Xdensity and Ydensity specify the pixel aspect ratio', 1: 'Dots per inch', 2: 'Dots per centimeter' }) },
  xdensity: { abbrev: 'image-jfif.Xdensity', name: 'Xdensity', type: FT.UINT16, base: BASE.DEC },
  ydensity: { abbrev: 'image-jfif.Ydensity', name: 'Ydensity', type: FT.UINT16, base: BASE.DEC },
  xthumbnail: { abbrev: 'image-jfif.Xthumbnail', name: 'Xthumbnail', type: FT.UINT16, base: BASE.DEC },
  ythumbnail: { abbrev: 'image-jfif.Ythumbnail', name: 'Ythumbnail', type: FT.UINT16, base: BASE.DEC },
  rgb: { abbrev: 'image-jfif.RGB', name: 'RGB values of thumbnail pixels', type: FT.BYTES },
  sofHeader: { abbrev: 'image-jfif.sof', name: 'Start of Frame header', type: FT.NONE },
  sofPrecision: { abbrev: 'image-jfif.sof.precision', name: 'Sample Precision (bits)', type: FT.UINT8, base: BASE.DEC },
  sofLines: { abbrev: 'image-jfif.sof.lines', name: 'Lines', type: FT.UINT16, base: BASE.DEC },
  sofSamplesPerLine: { abbrev: 'image-jfif.sof.samples_per_line', name: 'Samples per line', type: FT.UINT16, base: BASE.DEC },
  sofNf: { abbrev: 'image-jfif.sof.nf', name: 'Number of image components in frame', type: FT.UINT8, base: BASE.DEC },
  sofCi: { abbrev: 'image-jfif.sof.c_i', name: 'Component identifier', type: FT.UINT8, base: BASE.DEC },
  sofHi: { abbrev: 'image-jfif.sof.h_i', name: 'Horizontal sampling factor', type: FT.UINT8, base: BASE.DEC, bitmask: 0xf0 },
  sofVi: { abbrev: 'image-jfif.sof.v_i', name: 'Vertical sampling factor', type: FT.UINT8, base: BASE.DEC, bitmask: 0x0f },
  sofTqi: { abbrev: 'image-jfif.sof.tq_i', name: 'Quantization table destination selector', type: FT.UINT8, base: BASE.DEC },
  sosHeader: { abbrev: 'image-jfif.header.sos', name: 'Start of Segment header', type: FT.NONE },
  sosNs: { abbrev: 'image-jfif.sos.ns', name: 'Number of image components in scan', type: FT.UINT8, base: BASE.DEC },
  sosCsj: { abbrev: 'image-jfif.sos.component_selector', name: 'Scan component selector', type: FT.UINT8, base: BASE.DEC },
  sosTdj: { abbrev: 'image-jfif.sos.dc_entropy_selector', name: 'DC entropy coding table destination selector', type: FT.UINT8, base: BASE.DEC, bitmask: 0xf0 },
  sosTaj: { abbrev: 'image-jfif.sos.ac_entropy_selector', name: 'AC entropy coding table destination selector', type: FT.UINT8, base: BASE.DEC, bitmask: 0x0f },
  sosSs: { abbrev: 'image-jfif.sos.ss', name: 'Start of spectral or predictor selection', type: FT.UINT8, base: BASE.DEC },
  sosSe: { abbrev: 'image-jfif.sos.se', name: 'End of spectral selection', type: FT.UINT8, base: BASE.DEC },
  sosAh: { abbrev: 'image-jfif.sos.ah', name: 'Successive approximation bit position high', type: FT.UINT8, base: BASE.DEC, bitmask: 0xf0 },
  sosAl: { abbrev: 'image-jfif.sos.al', name: 'Successive approximation bit position low or point transform', type: FT.UINT8, base: BASE.DEC, bitmask: 0x0f },
  commentHeader: { abbrev: 'image-jfif.header.comment', name: 'Comment header', type: FT.NONE },
  comment: { abbrev: 'image-jfif.comment', name: 'Comment', type: FT.STRING },
  remainingData: { abbrev: 'image-jfif.remain_seg_data', name: 'Remaining segment data', type: FT.BYTES },
  entropyCoded: { abbrev: 'image-jfif.entropy_coded_segment', name: 'Entropy-coded segment (dissection is not yet implemented)', type: FT.BYTES },
  fillBytes: { abbrev: 'image-jfif.fill_bytes', name: 'Fill bytes', type: FT.BYTES },
});

const SOI = 0xffd8;
const APP0 = 0xffe0;
const SOS = 0xffda;
const COM = 0xfffe;

/** The Start of Frame markers (SOF0-SOF15 but DHT 0xffc4 and DAC 0xffcc). */
function isStartOfFrame(m: number): boolean {
  return m >= 0xffc0 && m <= 0xffcf && m !== 0xffc4 && m !== 0xffcc;
}

/** The item a segment is shown under: SOF, SOS and COM have their own header fields. */
function segmentField(m: number): (typeof jfifFields)['markerSegment'] {
  if (isStartOfFrame(m)) return jfifFields.sofHeader;
  if (m === SOS) return jfifFields.sosHeader;
  if (m === COM) return jfifFields.commentHeader;
  return jfifFields.markerSegment;
}

/** TEM, SOI, EOI and RSTn stand alone; every other marker starts a segment with a length. */
function hasLength(m: number): boolean {
  return !(m === 0xff01 || m === SOI || m === 0xffd9 || (m >= 0xffd0 && m <= 0xffd7));
}

/** A marker segment: marker, length, then the APP0 header fields or the rest as data. */
function dissectSegment(seg: Tvb, t: FieldNode, m: number, len: number): void {
  t.add(jfifFields.marker, seg, 0, 2, m);
  t.add(jfifFields.length, seg, 2, 2, len);
  if (isStartOfFrame(m)) {
    t.addItem(jfifFields.sofPrecision, seg, 4, 1);
    t.addItem(jfifFields.sofLines, seg, 5, 2);
    t.addItem(jfifFields.sofSamplesPerLine, seg, 7, 2);
    t.addItem(jfifFields.sofNf, seg, 9, 1);
    let off = 10;
    for (let n = seg.u8(9); n > 0; n--, off += 3) {
      t.addItem(jfifFields.sofCi, seg, off, 1);
      t.addItem(jfifFields.sofHi, seg, off + 1, 1);
      t.addItem(jfifFields.sofVi, seg, off + 1, 1);
      t.addItem(jfifFields.sofTqi, seg, off + 2, 1);
    }
    return;
  }
  if (m === SOS) {
    t.addItem(jfifFields.sosNs, seg, 4, 1);
    let off = 5;
    for (let n = seg.u8(4); n > 0; n--, off += 2) {
      t.addItem(jfifFields.sosCsj, seg, off, 1);
      t.addItem(jfifFields.sosTdj, seg, off + 1, 1);
      t.addItem(jfifFields.sosTaj, seg, off + 1, 1);
    }
    t.addItem(jfifFields.sosSs, seg, off, 1);
    t.addItem(jfifFields.sosSe, seg, off + 1, 1);
    t.addItem(jfifFields.sosAh, seg, off + 2, 1);
    t.addItem(jfifFields.sosAl, seg, off + 2, 1);
    return;
  }
  if (m === COM) {
    // An ENC_ASCII item of len - 2 bytes: checked before it is added, so a comment the capture cut is not shown.
    addAsciiItem(t, jfifFields.comment, seg, 4, len - 2);
    return;
  }
  if (m !== APP0) {
    t.addItem(jfifFields.remainingData, seg, 4, -1).setValueText(`${len - 2} bytes`);
    return;
  }
  // tvb_get_stringz_enc: the identifier's NUL must be in the captured data.
  const idLen = seg.strsize(4);
  const id = asciiCString(seg.view(4, idLen));
  const idItem = t.add(jfifFields.identifier, seg, 4, idLen, id);
  if (id !== 'JFIF') {
    if (id !== 'JFXX') {
      idItem.appendText(' (unknown identifier)');
      t.addItem(jfifFields.remainingData, seg, 4 + idLen, -1).setValueText(`${len - 2 - idLen} bytes`);
    }
    return;
  }
  // The label's two bytes are read before the item is added (proto_tree_add_none_format's arguments).
  const major = seg.u8(9);
  const minor = seg.u8(10);
  const v = t.add(jfifFields.version, seg, 9, 2, null);
  if (t.ctx.full && v !== t) v.setText(`Version: ${major}.${minor}`);
  v.addItem(jfifFields.versionMajor, seg, 9, 1);
  v.addItem(jfifFields.versionMinor, seg, 10, 1);
  t.addItem(jfifFields.units, seg, 11, 1);
  t.addItem(jfifFields.xdensity, seg, 12, 2);
  t.addItem(jfifFields.ydensity, seg, 14, 2);
  t.addItem(jfifFields.xthumbnail, seg, 16, 1);
  t.addItem(jfifFields.ythumbnail, seg, 17, 1);
  const x = seg.u8(16);
  const y = seg.u8(17);
  if (x || y) t.addItem(jfifFields.rgb, seg, 18, 3 * x * y);
}

function bytesAre(tvb: Tvb, off: number, s: string): boolean {
  if (!tvb.has(off, s.length)) return false;
  for (let i = 0; i < s.length; i++) if (tvb.u8(off + i) !== s.charCodeAt(i)) return false;
  return true;
}

/**
 * JPEG/JFIF images (file-jpeg.c): the walk over markers, marker segments
 * and entropy-coded data, with the APP0 identifier. "(JPEG JFIF image)"
 * goes to Info. Not JFIF: 0, so it also serves as HTTP's heuristic.
 */
function dissectJfif(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  const len = tvb.reported;
  if (len < 20 || tvb.u16(0) !== SOI) return 0;
  if (!bytesAre(tvb, 6, 'Exif\0') && !bytesAre(tvb, 6, 'JFIF\0')) return 0;
  pinfo.cols.appendSepInfo(' ', '(JPEG JFIF image)');
  const t = tree ? tree.addProtocol(hfJfif, tvb, 0, tvb.length) : null;
  let entropy = 0;
  for (;;) {
    let fill = entropy;
    for (;;) {
      fill = tvb.find(0xff, fill);
      if (fill < 0 || len - fill === 1 || tvb.u8(fill + 1) !== 0) break;
      fill += 2;
    }
    if (fill < 0) fill = len;
    if (fill !== entropy) addItem(t, jfifFields.entropyCoded, tvb, entropy, fill - entropy);
    if (fill >= len) break;
    let marker = fill;
    while (tvb.u8(marker + 1) === 0xff) ++marker;
    if (marker !== fill) addItem(t, jfifFields.fillBytes, tvb, fill, marker - fill);
    const m = tvb.u16(marker);
    const name = markerNames.get(m);
    if (name === undefined) {
      const item = t?.add(jfifFields.marker, tvb, marker, 2, m) ?? null;
      if (item && item !== t) item.appendText(' (Reserved)');
      return len;
    }
    if (hasLength(m)) {
      const segLen = tvb.u16(marker + 2);
      if (t) {
        const seg = t.add(segmentField(m), tvb, marker, Math.min(2 + segLen, tvb.remaining(marker)), null);
        if (t.ctx.full && seg !== t) seg.appendText(`: ${name} (0x${m.toString(16).toUpperCase()})`);
        dissectSegment(tvb.sub(marker, 2 + segLen), seg, m, segLen);
      }
      entropy = marker + 2 + segLen;
    } else {
      t?.add(jfifFields.marker, tvb, marker, 2, m);
      entropy = marker + 2;
    }
  }
  return len;
}

export const jfifDissector = makeDissector('image-jfif', 'JFIF (JPEG) image', dissectJfif, IMAGE_CARRIES);

for (const type of ['image/jfif', 'image/jpg', 'image/jpeg']) registerMediaType(type, jfifDissector);
