import type { Dissector } from '../dissection/dissector.js';
import type { FieldNode } from '../fields/field-node.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { defaultRegistry } from '../dissection/session.js';
import type { Tvb } from '../dissection/tvb.js';
import type { MediaInfo } from './media-info.js';

/** Wireshark's "media_type" string table: bodies by Content-Type, matched case-insensitively. */
export const MEDIA_TYPE_TABLE = 'media_type';

/** dissector_add_string("media_type", type, d) in the default registry. */
export function registerMediaType(mediaType: string, d: Dissector): void {
  defaultRegistry.addString(MEDIA_TYPE_TABLE, mediaType, d);
}

/**
 * dissector_try_string on "media_type": run the dissector for `mediaType`
 * with a MediaInfo carrying the caller's spelling of the type and its
 * parameters; 0 when there is none or it declined.
 */
export function tryMediaType(mediaType: string, parameters: string | null, tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  const info: MediaInfo = { mediaType, parameters };
  return pinfo.session.registry.tryString(MEDIA_TYPE_TABLE, mediaType, tvb, pinfo, tree, info);
}
