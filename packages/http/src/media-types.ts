import { defaultRegistry, type Dissector } from '@netdissect/core';
import type { HttpType } from './message-type.js';

/**
 * What a media-type dissector is told about the body it gets
 * (http_message_info_t plus pinfo->match_string).
 */
export interface MediaInfo {
  /** Kind of message the body came in. */
  readonly type: HttpType;
  /** The media type the body was dispatched on, lower-case ("text/html"), or null. */
  readonly mediaType: string | null;
  /** Its parameters ("charset=utf-8; boundary=x"), or null. */
  readonly parameters: string | null;
}

const mediaTypes = new Map<string, Dissector>();

/** dissector_add_string("media_type", ...): media types are matched case-insensitively. */
export function registerMediaType(mediaType: string, d: Dissector): void {
  mediaTypes.set(mediaType.toLowerCase(), d);
  defaultRegistry.addNamed(d);
}

/** The dissector for a media type; unknown multipart subtypes go to the generic multipart one. */
export function mediaTypeDissector(mediaType: string): Dissector | undefined {
  const d = mediaTypes.get(mediaType.toLowerCase());
  if (d === undefined && mediaType.startsWith('multipart/')) return mediaTypes.get('multipart/');
  return d;
}

/** The Info-column name of a body: the media type, else its parameters (data_name in packet-text-media.c). */
export function mediaDataName(info: MediaInfo | undefined): string | null {
  if (!info) return null;
  if (info.mediaType) return info.mediaType;
  return info.parameters ? info.parameters : null;
}
