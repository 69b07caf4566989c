import { registerExportObjects, type ExportedObject, type PacketInfo, type Tvb } from '@netdissect/core';

/** The tap IMF reports each message on, for "--export-objects imf,DIR" (Wireshark's imf_eo). */
export const IMF_EXPORT_TAP = 'imf_eo';

/** The sender shown as the object's host: the last <...> of From when it holds more than one character, else all of From. */
export function imfObjectHost(sender: string): string {
  const start = sender.lastIndexOf('<');
  const stop = sender.lastIndexOf('>');
  if (start >= 0 && stop >= 0 && stop > start && stop - start > 2) return sender.slice(start + 1, stop);
  return sender;
}

/** Report one message as an .eml object named after its Subject, as tshark's IMF export does. */
export function reportImfObject(pinfo: PacketInfo, sender: string, subject: string, tvb: Tvb): void {
  if (!pinfo.session.taps.has(IMF_EXPORT_TAP)) return;
  const obj: ExportedObject = {
    frame: pinfo.num,
    hostname: imfObjectHost(sender),
    contentType: 'EML file',
    filename: `${subject}.eml`,
    payload: tvb.copy(0, tvb.length),
  };
  pinfo.tap(IMF_EXPORT_TAP, obj);
}

registerExportObjects({ name: 'imf', tap: IMF_EXPORT_TAP, protocols: ['imf'] });
