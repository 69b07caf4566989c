import type { Dissector, FieldNode, PacketInfo, Tvb } from '@netdissect/core';
import { textLinesDissector, type MediaInfo } from './text-lines.js';

/** The line-based text types packet-text-media.c registers. */
const TEXT_LINE_TYPES = [
  'text/plain', 'text/richtext', 'text/enriched', 'text/parameters', 'text/html', 'text/xml-external-parsed-entity', 'text/css',
  'application/xml-external-parsed-entity', 'text/javascript', 'application/x-javascript', 'application/x-tia-p25-issi',
  'application/x-tia-p25-sndcp', 'application/x-ns-proxy-autoconfig', 'text/vnd.sun.j2me.app-descriptor', 'application/vnd.poc.refer-to',
  'application/vnd.drm.message', 'application/x-wms-logplaystats', 'application/x-rtsp-udp-packetpair',
];

/**
 * The media types mail bodies are handed to, by lower-case type (the
 * "media_type" table is case-insensitive). Types without an entry fall
 * through to the caller's default, as dissector_try_string fails.
 */
const table = new Map<string, Dissector>(TEXT_LINE_TYPES.map((t) => [t, textLinesDissector]));

export function registerMediaType(type: string, d: Dissector): void {
  table.set(type.toLowerCase(), d);
}

/**
 * dissector_try_string on the media-type table: run the dissector for
 * `type` with a MediaInfo (the caller's spelling of the type is what Info
 * shows); 0 when there is none or it declined.
 */
export function tryMediaType(type: string, tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, parameters: string | null): number {
  const d = table.get(type.toLowerCase());
  if (!d) return 0;
  const media: MediaInfo = { type, parameters };
  return pinfo.call(d, tvb, tree, media);
}
