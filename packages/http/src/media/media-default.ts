import { defaultRegistry, defineFields, defineProtocol, FT, makeDissector } from '@netdissect/core';
import { registerMediaType, type MediaInfo } from '../media-types.js';

export const hfMedia = defineProtocol('media', 'Media Type');
export const mediaFields = defineFields('media', {
  type: { abbrev: 'media.type', name: 'Media type', type: FT.BYTES },
});

/**
 * The "media" dissector (packet-media.c): a typed body nobody decodes,
 * shown as bytes and named in Info as " (type)".
 */
export const mediaDissector = makeDissector('media', 'Media', (tvb, pinfo, tree, data) => {
  const info = data as MediaInfo | undefined;
  const type = info?.mediaType ?? '';
  pinfo.cols.appendInfo(` (${type})`);
  const n = tvb.reported;
  if (tree && n > 0) {
    const t = tree.addProtocol(hfMedia, tvb, 0, tvb.length);
    const item = t.addItem(mediaFields.type, tvb, 0, tvb.length);
    if (tree.ctx.full) {
      const params = info?.parameters ? `; ${info.parameters}` : '';
      item.setValueText(`${type}${params} (${n} byte${n === 1 ? '' : 's'})`);
    }
  }
  return n;
});

defaultRegistry.addNamed(mediaDissector);
// packet-data.c takes untyped binary bodies.
registerMediaType('application/octet-stream', defaultRegistry.byProto('data')!);
