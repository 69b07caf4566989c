/**
 * An invalid display filter: a one-line message worded as tshark 4.0 words
 * it, and where the mistake is in the filter text (0-based offset and
 * length, in UTF-16 code units; length 0 marks a point, e.g. the end).
 */
export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError';

  constructor(
    message: string,
    readonly position: number,
    readonly length: number,
  ) {
    super(message);
  }
}

/** Where a token or syntax node came from in the filter text. */
export interface SourceSpan {
  readonly start: number;
  readonly length: number;
}

export function fail(message: string, at: SourceSpan): never {
  throw new FilterSyntaxError(message, at.start, at.length);
}
