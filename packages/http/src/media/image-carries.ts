/**
 * What an image dissector carries (Dissector.carries). Called for its
 * Content-Type it declines data without its signature, and HTTP then
 * tries the image heuristics and falls back to media or data: skipping it
 * would change which of those show the body.
 */
export const IMAGE_CARRIES: readonly string[] = ['heuristics:http', 'media', 'data'];
