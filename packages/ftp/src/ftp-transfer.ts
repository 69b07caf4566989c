import type { ExportedObject } from '@netdissect/core';

/** The tap FTP-DATA reports exportable files on (tshark's --export-objects ftp-data). */
export const FTP_EO_TAP = 'ftp_eo';

/**
 * A file sent over an FTP data connection in answer to STOR or RETR, as
 * Wireshark's ftp-data export-object list holds it: created on the first
 * data frame (which it is reported on), then grown by every later data
 * frame of the same command. Listeners keep the object and read
 * `payload` when the pass is over.
 */
export class FtpTransfer implements ExportedObject {
  readonly contentType = 'FTP file';
  /** Data per (frame, stream offset), so a frame dissected again adds nothing. */
  private readonly chunks = new Map<string, Uint8Array>();
  private size = 0;
  private joined: Uint8Array | null = null;

  constructor(
    /** First data frame. */
    readonly frame: number,
    /** Where the first data frame came from (the file's origin). */
    readonly hostname: string,
    /** The command's argument, "(MISSING)" when there is none. */
    readonly filename: string,
    /** Bytes kept at most (the ftp-data.export.maxsize preference); 0 for no limit. */
    private readonly maxBytes: number,
  ) {}

  /** Append one data frame's bytes unless that frame's piece is already in. */
  add(key: string, bytes: Uint8Array): void {
    if (this.chunks.has(key)) return;
    let n = bytes.length;
    if (this.maxBytes > 0 && this.size + n > this.maxBytes) n = Math.max(0, this.maxBytes - this.size);
    this.chunks.set(key, bytes.slice(0, n));
    this.size += n;
    this.joined = null;
  }

  get payload(): Uint8Array {
    if (this.joined === null) {
      const out = new Uint8Array(this.size);
      let off = 0;
      for (const c of this.chunks.values()) {
        out.set(c, off);
        off += c.length;
      }
      this.joined = out;
    }
    return this.joined;
  }
}

/** Whether a data connection's command makes an exportable file (STOR and RETR, as typed). */
export function isFileTransferCommand(command: string): boolean {
  return command.startsWith('STOR') || command.startsWith('RETR');
}

/** The file name Wireshark takes from "STOR name" / "RETR name". */
export function transferFileName(command: string): string {
  return command.length > 5 ? command.slice(5) : '(MISSING)';
}
