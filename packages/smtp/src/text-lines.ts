import { defineProtocol, formatBytesAsText, makeDissector, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';
import { findLineEnd } from './line-end.js';

export const hfTextLines = defineProtocol('data-text-lines', 'Line-based text data');

/** What a media dissector is told about its body: the media type and its parameters (http_message_info_t). */
export interface MediaInfo {
  /** Lower-case media type ("text/plain"), or null when the caller did not say. */
  readonly type: string | null;
  /** The Content-Type parameters after the first ';', unparsed. */
  readonly parameters: string | null;
}

/**
 * Wireshark's "data-text-lines": the body as one tree line per text line,
 * and "(media/type)" appended to Info when the media type is known.
 */
export function dissectTextLines(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, media: MediaInfo | null): number {
  const name = media?.type ?? null;
  if (name) pinfo.cols.appendSepInfo(' ', `(${name})`);
  if (tree) {
    const top = tree.addProtocol(hfTextLines, tvb, 0, tvb.length);
    let lines = 0;
    let off = 0;
    while (off < tvb.length) {
      const { next } = findLineEnd(tvb, off);
      if (tree.ctx.full) top.addText(tvb, off, next - off, formatBytesAsText(tvb.view(off, next - off)));
      lines++;
      off = next;
    }
    if (top !== tree) top.setText(`${hfTextLines.name}${name ? `: ${name}` : ''} (${lines} lines)`);
  }
  return tvb.length;
}

export const textLinesDissector = makeDissector('data-text-lines', 'Line-based text data', (tvb, pinfo, tree, data) =>
  dissectTextLines(tvb, pinfo, tree, (data as MediaInfo | undefined) ?? null),
);
