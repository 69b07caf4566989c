/**
 * What a media_type dissector is told about the body it gets: Wireshark's
 * pinfo->match_string and the media_str of http_message_info_t /
 * media_content_info_t.
 */
export interface MediaInfo {
  /** The media type the body was dispatched on, as the caller spelled it ("text/html"), or null. */
  readonly mediaType: string | null;
  /** Its Content-Type parameters after the first ';', unparsed ("charset=utf-8; boundary=x"), or null. */
  readonly parameters: string | null;
}

/** The name a body goes by in Info and tree: the media type, else its parameters (data_name in packet-text-media.c). */
export function mediaDataName(info: MediaInfo | null | undefined): string | null {
  if (!info) return null;
  if (info.mediaType) return info.mediaType;
  return info.parameters ? info.parameters : null;
}
