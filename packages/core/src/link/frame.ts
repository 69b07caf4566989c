import { defineFields, defineProtocol, FT, BASE } from '../fields/field-def.js';
import { makeDissector } from '../dissection/dissector.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import type { FieldNode } from '../fields/field-node.js';
import { defaultRegistry, setFrameDissector } from '../dissection/session.js';
import { showException } from '../dissection/show-exception.js';
import { timeDelta } from '../fields/time-format.js';
import { wtapEncapOf } from './wtap-encap.js';
import { dataDissector } from './data.js';

export const hfFrame = defineProtocol('frame', 'Frame');
export const hfPktComment = defineProtocol('pkt_comment', 'Packet comments');
export const frameFields = defineFields('frame', {
  interfaceId: { abbrev: 'frame.interface_id', name: 'Interface id', type: FT.UINT32, base: BASE.DEC },
  encapType: { abbrev: 'frame.encap_type', name: 'Encapsulation type', type: FT.INT16, base: BASE.DEC },
  time: { abbrev: 'frame.time', name: 'Arrival Time', type: FT.ABSOLUTE_TIME, base: BASE.ABSOLUTE_TIME_LOCAL },
  offsetShift: { abbrev: 'frame.offset_shift', name: 'Time shift for this packet', type: FT.RELATIVE_TIME },
  timeEpoch: { abbrev: 'frame.time_epoch', name: 'Epoch Time', type: FT.RELATIVE_TIME },
  timeDelta: { abbrev: 'frame.time_delta', name: 'Time delta from previous captured frame', type: FT.RELATIVE_TIME },
  timeDeltaDisplayed: { abbrev: 'frame.time_delta_displayed', name: 'Time delta from previous displayed frame', type: FT.RELATIVE_TIME },
  timeRelative: { abbrev: 'frame.time_relative', name: 'Time since reference or first frame', type: FT.RELATIVE_TIME },
  number: { abbrev: 'frame.number', name: 'Frame Number', type: FT.UINT32, base: BASE.DEC },
  len: { abbrev: 'frame.len', name: 'Frame Length', type: FT.UINT32, base: BASE.DEC },
  capLen: { abbrev: 'frame.cap_len', name: 'Capture Length', type: FT.UINT32, base: BASE.DEC },
  marked: { abbrev: 'frame.marked', name: 'Frame is marked', type: FT.BOOLEAN },
  ignored: { abbrev: 'frame.ignored', name: 'Frame is ignored', type: FT.BOOLEAN },
  protocols: { abbrev: 'frame.protocols', name: 'Protocols in frame', type: FT.STRING },
  comment: { abbrev: 'frame.comment', name: 'Comment', type: FT.STRING },
  cbPen: { abbrev: 'frame.cb_pen', name: 'Private Enterprise Number', type: FT.UINT32, base: BASE.DEC },
  cbCopy: { abbrev: 'frame.cb_copy', name: 'Copying', type: FT.BOOLEAN, tfs: { true: 'Allowed', false: 'Not allowed' } },
});

/** IANA enterprise numbers met in custom blocks (enterprises_lookup, for the few we have seen). */
const ENTERPRISES: Record<number, string> = {
  32473: 'Example Enterprise Number for Documentation Use',
  36724: 'Kaplan Research and Application Prototyping',
  10949: 'Netflix, Inc.',
  46254: 'Vector Informatik GmbH',
};

function enterpriseName(pen: number): string {
  return ENTERPRISES[pen] ?? 'Unknown';
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

/**
 * The root of every dissection (packet-frame.c): the "Frame N" subtree
 * with times and lengths, then the link layer chosen by the capture's
 * link type, with any exception turned into a mark instead of a failure.
 */
function dissectFrame(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  const raw = pinfo.raw;
  pinfo.layers.push('frame');
  pinfo.currentProto = 'Frame';
  const times = pinfo.session.times(raw, pinfo.visited);
  let fh: FieldNode | null = null;
  if (raw.comments?.length && tree) {
    const c = tree.addProtocol(hfPktComment, tvb, 0, 0);
    for (const text of raw.comments) c.add(frameFields.comment, tvb, 0, 0, text).setText(text);
  }
  const hasTs = raw.hasTimestamp !== false;
  if (tree) {
    const full = tree.ctx.full;
    if (raw.custom) {
      const { pen, copyAllowed } = raw.custom;
      fh = tree.addProtocol(hfFrame, tvb, 0, raw.caplen, full ? `PCAPNG Custom Block ${raw.no}: ${raw.len} byte${plural(raw.len)} (${raw.len * 8} bits) of custom data and options, PEN ${enterpriseName(pen)} (${pen}), copying ${copyAllowed ? 'allowed' : 'not allowed'}` : undefined);
    } else {
      fh = tree.addProtocol(
        hfFrame,
        tvb,
        0,
        raw.caplen,
        full ? `Frame ${raw.no}: ${raw.len} byte${plural(raw.len)} on wire (${raw.len * 8} bits), ${raw.caplen} byte${plural(raw.caplen)} captured (${raw.caplen * 8} bits)` : undefined,
      );
      if (full && pinfo.session.pref('frame.has_interface_id', false)) fh.appendText(` on interface ${raw.interfaceId}, id ${raw.interfaceId}`);
      fh.add(frameFields.interfaceId, tvb, 0, 0, raw.interfaceId);
      fh.add(frameFields.encapType, tvb, 0, 0, wtapEncapOf(raw.linktype));
    }
    if (hasTs) {
      const ts = { sec: raw.tsSec, nsec: raw.tsNsec };
      fh.add(frameFields.time, tvb, 0, 0, ts);
      fh.addGenerated(frameFields.offsetShift, tvb, 0, 0, { sec: 0, nsec: 0 });
      fh.add(frameFields.timeEpoch, tvb, 0, 0, ts);
      const [ds, dn] = timeDelta(raw.tsSec, raw.tsNsec, times.prevSec, times.prevNsec);
      fh.addGenerated(frameFields.timeDelta, tvb, 0, 0, { sec: ds, nsec: dn });
      const [dds, ddn] = timeDelta(raw.tsSec, raw.tsNsec, times.prevDisplayedSec, times.prevDisplayedNsec);
      fh.addGenerated(frameFields.timeDeltaDisplayed, tvb, 0, 0, { sec: dds, nsec: ddn });
      const [rs, rn] = timeDelta(raw.tsSec, raw.tsNsec, times.refSec, times.refNsec);
      fh.addGenerated(frameFields.timeRelative, tvb, 0, 0, { sec: rs, nsec: rn });
    }
    fh.add(frameFields.number, tvb, 0, 0, raw.no);
    fh.add(frameFields.len, tvb, 0, 0, raw.len).setText(`Frame Length: ${raw.len} byte${plural(raw.len)} (${raw.len * 8} bits)`);
    fh.add(frameFields.capLen, tvb, 0, 0, raw.caplen).setText(`Capture Length: ${raw.caplen} byte${plural(raw.caplen)} (${raw.caplen * 8} bits)`);
    fh.add(frameFields.marked, tvb, 0, 0, 0);
    fh.add(frameFields.ignored, tvb, 0, 0, 0);
  }
  if (raw.custom) {
    const { pen, copyAllowed } = raw.custom;
    pinfo.cols.setProtocol('PCAPNG');
    fh?.add(frameFields.cbPen, tvb, 0, 0, pen).setValueText(`${enterpriseName(pen)} (${pen})`);
    fh?.add(frameFields.cbCopy, tvb, 0, 0, copyAllowed ? 1 : 0);
    pinfo.cols.setInfo(`Custom Block: PEN = ${enterpriseName(pen)} (${pen}), will${copyAllowed ? '' : ' not'} be copied`);
    pinfo.call(dataDissector, tvb, tree);
    if (fh) fh.add(frameFields.protocols, tvb, 0, 0, pinfo.layers.slice(1).join(':'));
    return raw.caplen;
  }
  const link = pinfo.session.registry.getUint('wtap_encap', raw.linktype);
  try {
    if (link) {
      pinfo.call(link, tvb, tree);
    } else {
      pinfo.cols.setProtocol('UNKNOWN');
      pinfo.cols.setInfo(`WTAP_ENCAP = ${wtapEncapOf(raw.linktype)}`);
    }
  } catch (err) {
    showException(err, tvb, pinfo, tree);
  }
  // The frame itself is not listed (packet-frame.c skips the first layer).
  if (fh) fh.add(frameFields.protocols, tvb, 0, 0, pinfo.layers.slice(1).join(':'));
  return raw.caplen;
}

export const frameDissector = makeDissector('frame', 'Frame', dissectFrame);
setFrameDissector(frameDissector);
defaultRegistry.addNamed(frameDissector);
