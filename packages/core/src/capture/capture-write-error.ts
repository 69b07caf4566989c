/**
 * Thrown by the capture writers when a packet cannot be represented in the
 * output format (a second link type in classic pcap, a timestamp out of range).
 */
export class CaptureWriteError extends Error {
  override readonly name = 'CaptureWriteError';
  /** Display name of the output: the path, "-" or "(stream)". */
  readonly file: string;
  /** Frame number (RawPacket.no) of the packet that could not be written. */
  readonly frame: number;

  constructor(file: string, frame: number, detail: string) {
    super(`cannot write frame ${frame} to ${JSON.stringify(file)}: ${detail}`);
    this.file = file;
    this.frame = frame;
  }
}
