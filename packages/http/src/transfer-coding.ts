/** Transfer codings other than chunked (http_transfer_coding); NONE when the header is absent. */
export const TransferCoding = { NONE: 0, COMPRESS: 1, DEFLATE: 2, GZIP: 3, IDENTITY: 4, UNKNOWN: 5 } as const;
export type TransferCoding = (typeof TransferCoding)[keyof typeof TransferCoding];

const names: ReadonlyArray<readonly [string, TransferCoding]> = [
  ['compress', TransferCoding.COMPRESS],
  ['deflate', TransferCoding.DEFLATE],
  ['gzip', TransferCoding.GZIP],
  ['identity', TransferCoding.IDENTITY],
  ['x-compress', TransferCoding.COMPRESS],
  ['x-gzip', TransferCoding.GZIP],
];

export interface ParsedTransferCoding {
  coding: TransferCoding;
  chunked: boolean;
  /** False when a name was not understood (http.te_unknown). */
  understood: boolean;
}

/**
 * http_parse_transfer_coding: "chunked" plus at most one other coding,
 * names matched as prefixes, case-sensitively, like packet-http.c.
 */
export function parseTransferCoding(value: string, chunkedBefore: boolean): ParsedTransferCoding {
  let coding: TransferCoding = TransferCoding.UNKNOWN;
  let chunked = chunkedBefore;
  let understood = true;
  let i = 0;
  while (i < value.length) {
    while (i < value.length && (value[i] === ' ' || value[i] === '\t' || value[i] === ',')) i++;
    if (i >= value.length) break;
    if (value.startsWith('chunked', i)) {
      chunked = true;
      i += 7;
      continue;
    }
    if (coding !== TransferCoding.UNKNOWN) {
      understood = false;
      break;
    }
    const hit = names.find(([n]) => value.startsWith(n, i));
    if (hit) {
      coding = hit[1];
      i += hit[0].length;
    } else {
      understood = false;
      const comma = value.indexOf(',', i);
      if (comma < 0) break;
      i = comma;
    }
  }
  return { coding, chunked, understood };
}
