import { defineFields, defineProtocol, FT, makeDissector, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';
import type { MediaInfo } from './text-lines.js';

export const hfMedia = defineProtocol('media', 'Media Type');
export const mediaFields = defineFields('media', {
  type: { abbrev: 'media.type', name: 'Media type', type: FT.BYTES },
});

/** Wireshark's "media" dissector: a body whose media type nobody dissects, shown as bytes with its type. */
export function dissectMedia(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, media: MediaInfo | null): number {
  const type = media?.type ?? '';
  pinfo.cols.appendInfo(` (${type})`);
  const n = tvb.reported;
  if (tree && n > 0) {
    const top = tree.addProtocol(hfMedia, tvb, 0, tvb.length);
    const shown = Math.min(n, tvb.length);
    const item = top.add(mediaFields.type, tvb, 0, shown, tvb.view(0, shown));
    if (tree.ctx.full) item.setValueText(`${type}${media?.parameters != null ? `; ${media.parameters}` : ''} (${n} byte${n === 1 ? '' : 's'})`);
  }
  return n;
}

export const mediaDissector = makeDissector('media', 'Media', (tvb, pinfo, tree, data) => dissectMedia(tvb, pinfo, tree, (data as MediaInfo | undefined) ?? null));
