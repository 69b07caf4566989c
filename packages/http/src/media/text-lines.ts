import { defineProtocol, formatBytesAsText, makeDissector, type Dissector } from '@netdissect/core';
import { findLineEnd } from '../line-scan.js';
import { mediaDataName, registerMediaType, type MediaInfo } from '../media-types.js';

export const hfTextLines = defineProtocol('data-text-lines', 'Line-based text data');

/** XML bodies served as text go to the XML dissector (set by the XML module to avoid an import cycle). */
let xmlDissector: Dissector | null = null;
export function setTextXmlDissector(d: Dissector): void {
  xmlDissector = d;
}

/**
 * Line-based text (packet-text-media.c): one tree line per text line,
 * the media type appended to Info as " (type)".
 */
export const textLinesDissector = makeDissector('data-text-lines', 'Line-based text data', (tvb, pinfo, tree, data) => {
  const length = tvb.length;
  if (length > 38 && xmlDissector && /^<\?xml/i.test(String.fromCharCode(...tvb.view(0, 5)))) {
    pinfo.call(xmlDissector, tvb, tree, data);
    return length;
  }
  const name = mediaDataName(data as MediaInfo | undefined);
  if (name) pinfo.cols.appendSepInfo(' ', `(${name})`);
  if (tree) {
    const t = tree.addProtocol(hfTextLines, tvb, 0, length);
    if (name && tree.ctx.full) t.appendText(`: ${name}`);
    if (tree.ctx.full) {
      let offset = 0;
      let lines = 0;
      while (offset < length) {
        const line = findLineEnd(tvb, offset, -1, false)!;
        t.addText(tvb, offset, line.next - offset, formatBytesAsText(tvb.view(offset, line.next - offset)));
        lines++;
        offset = line.next;
      }
      t.appendText(` (${lines} lines)`);
    }
  }
  return length;
});

for (const type of ['text/plain', 'text/richtext', 'text/enriched', 'text/parameters', 'text/html', 'text/xml-external-parsed-entity', 'text/css',
  'application/xml-external-parsed-entity', 'text/javascript', 'application/x-javascript', 'application/x-tia-p25-issi', 'application/x-tia-p25-sndcp',
  'application/x-ns-proxy-autoconfig', 'text/vnd.sun.j2me.app-descriptor', 'application/vnd.poc.refer-to', 'application/vnd.drm.message',
  'application/x-wms-logplaystats', 'application/x-rtsp-udp-packetpair']) {
  registerMediaType(type, textLinesDissector);
}
