/** What the first line of an HTTP message says it is (http_type_t). */
export const HttpType = { REQUEST: 0, RESPONSE: 1, NOTIFICATION: 2, OTHERS: 3 } as const;
export type HttpType = (typeof HttpType)[keyof typeof HttpType];

/** Request methods by name; NOTIFY/SUBSCRIBE/UNSUBSCRIBE are GENA notifications. */
const methods = new Map<string, HttpType>([
  ...['GET', 'PUT', 'COPY', 'HEAD', 'LOCK', 'MOVE', 'POLL', 'POST', 'BCOPY', 'BMOVE', 'MKCOL', 'TRACE', 'PATCH', 'LABEL', 'MERGE',
    'DELETE', 'SEARCH', 'UNLOCK', 'REPORT', 'UPDATE', 'BDELETE', 'CONNECT', 'OPTIONS', 'CHECKIN', 'PROPFIND', 'CHECKOUT', 'CCM_POST',
    'PROPPATCH', 'BPROPFIND', 'BPROPPATCH', 'UNCHECKOUT', 'MKACTIVITY', 'MKWORKSPACE', 'RPC_CONNECT', 'RPC_IN_DATA', 'RPC_OUT_DATA',
    'VERSION-CONTROL', 'BASELINE-CONTROL', 'SSTP_DUPLEX_POST'].map((m) => [m, HttpType.REQUEST] as const),
  ...['NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE'].map((m) => [m, HttpType.NOTIFICATION] as const),
]);

const LONGEST_METHOD = 16;

export interface FirstLine {
  type: HttpType;
  /** For requests and notifications: the method, else null. */
  method: string | null;
}

/**
 * is_http_request_or_reply: "HTTP/" or "ICY" starts a response; a known
 * method followed by a blank (or the end of the line) starts a request.
 * An RFC 2774 "M-" prefix is skipped. Returns null for anything else.
 */
export function classifyFirstLine(bytes: Uint8Array, pos: number, lineLen: number): FirstLine | null {
  if (lineLen >= 2 && bytes[pos] === 0x4d && bytes[pos + 1] === 0x2d) {
    pos += 2;
    lineLen -= 2;
  }
  if (lineLen >= 5 && bytes[pos] === 0x48 && bytes[pos + 1] === 0x54 && bytes[pos + 2] === 0x54 && bytes[pos + 3] === 0x50 && bytes[pos + 4] === 0x2f) {
    return { type: HttpType.RESPONSE, method: null };
  }
  if (lineLen >= 3 && bytes[pos] === 0x49 && bytes[pos + 1] === 0x43 && bytes[pos + 2] === 0x59) {
    return { type: HttpType.RESPONSE, method: null };
  }
  let n = 0;
  while (n < lineLen && bytes[pos + n] !== 0x20) n++;
  if (n < 3 || n > LONGEST_METHOD) return null;
  // Built char by char: spreading a subarray into fromCharCode costs an array and a view per line.
  let name = '';
  for (let i = 0; i < n; i++) name += String.fromCharCode(bytes[pos + i]!);
  const type = methods.get(name);
  return type === undefined ? null : { type, method: name };
}
