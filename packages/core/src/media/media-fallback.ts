import { defineFields, defineProtocol, FT } from '../fields/field-def.js';
import { makeDissector } from '../dissection/dissector.js';
import { defaultRegistry } from '../dissection/session.js';
import { dataDissector } from '../link/data.js';
import type { MediaInfo } from './media-info.js';
import { registerMediaType } from './media-type-table.js';

export const hfMedia = defineProtocol('media', 'Media Type');
export const mediaFields = defineFields('media', {
  type: { abbrev: 'media.type', name: 'Media type', type: FT.BYTES },
});

/**
 * The "media" dissector (packet-media.c): a typed body nobody decodes,
 * shown as bytes with its type and named in Info as " (type)".
 */
export const mediaDissector = makeDissector('media', 'Media', (tvb, pinfo, tree, data) => {
  const media = (data as MediaInfo | undefined) ?? null;
  const type = media?.mediaType ?? '';
  pinfo.cols.appendInfo(` (${type})`);
  const n = tvb.reported;
  if (tree && n > 0) {
    const top = tree.addProtocol(hfMedia, tvb, 0, tvb.length);
    // proto_tree_add_bytes_format_value reads the whole body (tvb_get_ptr): one the capture cut ends here.
    const item = top.add(mediaFields.type, tvb, 0, n, tvb.view(0, n));
    if (tree.ctx.full) item.setValueText(`${type}${media?.parameters != null ? `; ${media.parameters}` : ''} (${n} byte${n === 1 ? '' : 's'})`);
  }
  return n;
}, []);

defaultRegistry.addNamed(mediaDissector);
// Untyped binary bodies are plain data.
registerMediaType('application/octet-stream', dataDissector);
