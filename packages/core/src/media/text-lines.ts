import { defineProtocol } from '../fields/field-def.js';
import { formatBytesAsText } from '../fields/format-text.js';
import { makeDissector } from '../dissection/dissector.js';
import { defaultRegistry } from '../dissection/session.js';
import { bytesEqualNoCase, findLineEnd } from '../dissection/tvb-line-end.js';
import { mediaDataName, type MediaInfo } from './media-info.js';
import { registerMediaType } from './media-type-table.js';

export const hfTextLines = defineProtocol('data-text-lines', 'Line-based text data');

/**
 * "data-text-lines" (packet-text-media.c): one tree line per text line,
 * the body's media type appended to Info as " (type)". XML served as
 * text goes to the "xml" dissector when one is registered.
 */
export const textLinesDissector = makeDissector('data-text-lines', 'Line-based text data', (tvb, pinfo, tree, data) => {
  const length = tvb.length;
  if (length > 38 && bytesEqualNoCase(tvb, 0, '<?xml')) {
    const xml = pinfo.session.registry.byProto('xml');
    if (xml) {
      pinfo.call(xml, tvb, tree, data);
      return length;
    }
  }
  const name = mediaDataName(data as MediaInfo | undefined);
  if (name) pinfo.cols.appendSepInfo(' ', `(${name})`);
  if (tree) {
    const top = tree.addProtocol(hfTextLines, tvb, 0, length);
    // Lines are only built for a full tree; a pruned one keeps the protocol item.
    if (tree.ctx.full) {
      if (name) top.appendText(`: ${name}`);
      let lines = 0;
      for (let off = 0; off < length; lines++) {
        const next = findLineEnd(tvb, off).next;
        top.addText(tvb, off, next - off, formatBytesAsText(tvb.view(off, next - off)));
        off = next;
      }
      top.appendText(` (${lines} lines)`);
    }
  }
  return length;
}, ['xml']);

defaultRegistry.addNamed(textLinesDissector);
for (const type of ['text/plain', 'text/richtext', 'text/enriched', 'text/parameters', 'text/html', 'text/xml-external-parsed-entity', 'text/css',
  'application/xml-external-parsed-entity', 'text/javascript', 'application/x-javascript', 'application/x-tia-p25-issi', 'application/x-tia-p25-sndcp',
  'application/x-ns-proxy-autoconfig', 'text/vnd.sun.j2me.app-descriptor', 'application/vnd.poc.refer-to', 'application/vnd.drm.message',
  'application/x-wms-logplaystats', 'application/x-rtsp-udp-packetpair']) {
  registerMediaType(type, textLinesDissector);
}
