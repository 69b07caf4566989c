/**
 * The one error type the capture layer throws for problems with the input
 * itself: unreadable, not a capture file, too short, cut short, damaged.
 * The message is a single line that names the file and, where it makes
 * sense, the byte offset, so a command-line tool can print it as is.
 */

export type CaptureFileErrorKind =
  /** The file could not be opened or read (ENOENT, EACCES, EISDIR, ...). */
  | 'io'
  /** The magic number is not one of a format we read. */
  | 'unknown-format'
  /** A known format, but a variant or version we do not read. */
  | 'unsupported'
  /** Shorter than its own file header (includes 0-byte files). */
  | 'too-short'
  /** Ends in the middle of a record (record header, packet data or block). */
  | 'truncated'
  /** A length or magic field makes no sense (too big, too small, mismatched). */
  | 'corrupt';

export class CaptureFileError extends Error {
  override readonly name = 'CaptureFileError';
  /** Display name of the input: the path, "-" for stdin, "(stream)" for a Readable. */
  readonly file: string;
  /**
   * Byte offset in the input where the problem is: the start of the record
   * or block that is cut short or damaged; 0 for format problems.
   */
  readonly offset: number;
  readonly kind: CaptureFileErrorKind;
  /** The specific reason (without the file name), e.g. "record claims a 3903781420-byte packet, ...". */
  readonly detail: string;

  constructor(kind: CaptureFileErrorKind, file: string, offset: number, detail: string, options?: { cause?: unknown }) {
    super(formatCaptureFileMessage(kind, file, offset, detail), options);
    this.file = file;
    this.offset = offset;
    this.kind = kind;
    this.detail = detail;
  }
}

function formatCaptureFileMessage(kind: CaptureFileErrorKind, file: string, offset: number, detail: string): string {
  const name = JSON.stringify(file);
  const suffix = detail === '' ? '' : `: ${detail}`;
  switch (kind) {
    case 'io':
      return `${name} could not be read${suffix}`;
    case 'unknown-format':
      return `${name} is not a capture file in a format netdissect understands${suffix}`;
    case 'unsupported':
      return `${name} is a capture file netdissect cannot read${suffix}`;
    case 'too-short':
      return `${name} is too short to be a capture file${suffix}`;
    case 'truncated':
      return `${name} is cut short in the middle of a packet at byte offset ${offset}${suffix}`;
    case 'corrupt':
      return `${name} appears to be damaged or corrupt at byte offset ${offset}${suffix}`;
  }
}
