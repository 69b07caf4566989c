/**
 * File objects a protocol can hand to "--export-objects NAME,DIR"
 * (Wireshark's export_object taps: http, ftp-data, imf, ...). A dissector
 * reports each one on its tap while dissecting; the command collects
 * them and writes files named as tshark names them.
 */
export interface ExportedObject {
  /** Frame number where the object completed. */
  readonly frame: number;
  /** Hostname (HTTP Host), or source/destination description. */
  readonly hostname: string;
  readonly contentType: string;
  /** Suggested file name before tshark's clean-up (URI tail, FTP file name, mail subject...). */
  readonly filename: string;
  readonly payload: Uint8Array;
}

export interface ExportObjectsProvider {
  /** The name after --export-objects ("http", "ftp-data", "imf", "attachments"). */
  readonly name: string;
  /** The tap the dissector reports ExportedObject values on. */
  readonly tap: string;
  /** Wireshark's file-name clean-up for this protocol, if it differs from the default. */
  readonly fileName?: (obj: ExportedObject) => string;
  /**
   * The protocols whose dissection yields the objects: a run that reads
   * nothing else may leave out the protocols none of them comes from
   * (see unreadProtocols). Absent: nothing is left out.
   */
  readonly protocols?: readonly string[];
  /**
   * The objects reported may still grow until the pass is over (an FTP-DATA
   * transfer is reported on its first data frame): they are written at the
   * end. Otherwise an object is complete when reported and may be written
   * at once.
   */
  readonly growsUntilEnd?: boolean;
}

const providers = new Map<string, ExportObjectsProvider>();

export function registerExportObjects(p: ExportObjectsProvider): void {
  providers.set(p.name, p);
}

export function exportObjectsProvider(name: string): ExportObjectsProvider | undefined {
  return providers.get(name);
}

export function exportObjectsProviders(): ExportObjectsProvider[] {
  return [...providers.values()];
}
