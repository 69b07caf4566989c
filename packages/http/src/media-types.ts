import { MEDIA_TYPE_TABLE, type Dissector, type DissectorRegistry } from '@netdissect/core';

/**
 * The dissector for a body's media type in the shared "media_type" table;
 * unknown multipart subtypes go to the generic multipart one, as
 * packet-http.c looks up "multipart/".
 */
export function mediaTypeDissector(registry: DissectorRegistry, mediaType: string): Dissector | undefined {
  const d = registry.getString(MEDIA_TYPE_TABLE, mediaType);
  if (d === undefined && mediaType.toLowerCase().startsWith('multipart/')) return registry.getString(MEDIA_TYPE_TABLE, 'multipart/');
  return d;
}
