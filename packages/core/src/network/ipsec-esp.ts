/**
 * IPsec ESP (packet-ipsec.c's dissect_esp, Wireshark 4.0) without keys: the
 * SPI and sequence number, and the sequence analysis tshark does by default,
 * per SPI across the capture: a number other than the last one plus one is
 * flagged with what was expected and the frame of the last one. The
 * encrypted payload is not shown, as tshark shows nothing for it without a
 * security association.
 */
import { defineFields, defineProtocol, FT, BASE } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import { addItem } from '../fields/proto-tree-items.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import { makeDissector } from '../dissection/dissector.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { defaultRegistry } from '../dissection/session.js';
import type { Tvb } from '../dissection/tvb.js';
import { hex8 } from '../link/hex.js';

export const hfEsp = defineProtocol('esp', 'Encapsulating Security Payload');
export const espFields = defineFields('esp', {
  spi: { abbrev: 'esp.spi', name: 'ESP SPI', type: FT.UINT32, base: BASE.HEX_DEC },
  sequence: { abbrev: 'esp.sequence', name: 'ESP Sequence', type: FT.UINT32, base: BASE.DEC },
  expectedSn: { abbrev: 'esp.sequence-analysis.expected-sn', name: 'Expected SN', type: FT.UINT32, base: BASE.DEC },
  previousFrame: { abbrev: 'esp.sequence-analysis.previous-frame', name: 'Previous Frame', type: FT.FRAMENUM },
});
const eiWrongSequence = defineExpert('esp', 'esp.sequence-analysis.wrong-sequence-number', Group.SEQUENCE, Severity.WARN, 'Wrong Sequence Number');

/** The last sequence number seen on an SPI, and its frame (spi_status). */
interface SpiStatus {
  sequence: number;
  frame: number;
}

const FRAME_KEY = 'esp.sequence-analysis';

/** First pass: the frame's predecessor on its SPI is kept for it, and the SPI moves on to this frame. */
function followSequence(pinfo: PacketInfo, spi: number, sequence: number): void {
  const bySpi = pinfo.session.state('esp.spis', () => new Map<number, SpiStatus>());
  const status = bySpi.get(spi);
  if (!status) {
    bySpi.set(spi, { sequence, frame: pinfo.num });
    return;
  }
  pinfo.setFrameData(FRAME_KEY, { sequence: status.sequence, frame: status.frame });
  status.sequence = sequence;
  status.frame = pinfo.num;
}

function showSequence(pinfo: PacketInfo, t: FieldNode | null, tvb: Tvb, spi: number, sequence: number): void {
  const previous = pinfo.getFrameData<SpiStatus>(FRAME_KEY);
  if (!previous) return;
  const expected = (previous.sequence + 1) >>> 0;
  if (sequence === expected) return;
  const item = t ? t.addGenerated(espFields.expectedSn, tvb, 0, 0, expected) : null;
  if (sequence > expected && item && t!.ctx.full) item.appendText(` (${sequence - expected} SNs missing)`);
  // The same number again is "repeated" (also after 2^32 - 1, which the label still counts as missing ones).
  let what: string;
  if (sequence === previous.sequence) what = `${sequence} repeated`;
  else if (sequence > expected) what = `${sequence - expected} missing`;
  else what = `${(expected - sequence) >>> 0} less than expected`;
  pinfo.expert(item, eiWrongSequence, `Wrong Sequence Number for SPI ${hex8(spi)} - ${what}`);
  t?.addGenerated(espFields.previousFrame, tvb, 0, 0, previous.frame);
}

export const espDissector = makeDissector('esp', 'ESP', (tvb, pinfo, tree) => {
  pinfo.cols.setProtocol('ESP');
  pinfo.cols.clearInfo();
  const t = tree ? tree.addProtocol(hfEsp, tvb, 0, -1) : null;
  // The SPI is shown before the sequence number is read: an ESP header cut after it shows it, then fails.
  addItem(t, espFields.spi, tvb, 0, 4);
  const spi = tvb.u32(0);
  addItem(t, espFields.sequence, tvb, 4, 4);
  const sequence = tvb.u32(4);
  pinfo.cols.setInfo(`ESP (SPI=0x${hex8(spi)})`);
  if (!pinfo.visited) followSequence(pinfo, spi, sequence);
  showSequence(pinfo, t, tvb, spi, sequence);
  return tvb.length;
});
defaultRegistry.addUint('ip.proto', 50, espDissector);
