import { CaptureReader, DissectionSession, dissectCapture, registerExportObjects, type ExportedObject, type Limits, type PacketInfo } from '@netdissect/core';

/** The tap HTTP reports each message body on (Wireshark's http export-object tap). */
export const HTTP_EO_TAP = 'http_eo';

registerExportObjects({ name: 'http', tap: HTTP_EO_TAP, protocols: ['http'] });

/** g_path_get_basename: what follows the last '/', ignoring trailing ones ("/" and "" stay recognisable). */
export function pathBasename(path: string): string {
  if (path === '') return '.';
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  if (end === 1 && path[0] === '/') return '/';
  const slash = path.lastIndexOf('/', end - 1);
  return path.slice(slash + 1, end);
}

/** Report one body as Wireshark's http_eo_packet would list it (first pass only, so each body once). */
export function reportHttpObject(pinfo: PacketInfo, hostname: string | null, requestUri: string | null, contentType: string | null, payload: Uint8Array): void {
  if (pinfo.visited || !pinfo.session.taps.has(HTTP_EO_TAP)) return;
  const obj: ExportedObject = {
    frame: pinfo.num,
    hostname: hostname ?? '',
    contentType: contentType ?? '',
    filename: requestUri === null ? '' : pathBasename(requestUri),
    payload: payload.slice(),
  };
  pinfo.tap(HTTP_EO_TAP, obj);
}

/** Listen for HTTP objects on a session; `stop()` ends listening. Objects arrive in frame order. */
export function collectHttpObjects(session: DissectionSession): { readonly objects: ExportedObject[]; stop(): void } {
  const objects: ExportedObject[] = [];
  const stop = session.addTap(HTTP_EO_TAP, (_pinfo, data) => {
    objects.push(data as ExportedObject);
  });
  return { objects, stop };
}

/** Every HTTP object of a capture file, as `tshark --export-objects http,DIR` would write them. */
export async function httpObjectsOfFile(path: string, limits?: Partial<Limits>): Promise<ExportedObject[]> {
  const reader = await CaptureReader.open(path);
  const session = new DissectionSession({ limits });
  const { objects, stop } = collectHttpObjects(session);
  try {
    await dissectCapture(reader, session, { tree: null }, () => true);
  } finally {
    stop();
    await reader.close();
  }
  return objects;
}
