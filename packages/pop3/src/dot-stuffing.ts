const LF = 0x0a;
const DOT = 0x2e;

/**
 * Undo RFC 1939 byte-stuffing of a multi-line response body: a line the
 * server sent starting with "." loses that first ".". `body` is what came
 * before the terminating ".CRLF" line.
 */
export function unstuffDotLines(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length);
  let w = 0;
  let lineStart = 0;
  while (lineStart < body.length) {
    const lf = body.indexOf(LF, lineStart);
    const lineEnd = lf < 0 ? body.length : lf + 1;
    const from = body[lineStart] === DOT ? lineStart + 1 : lineStart;
    out.set(body.subarray(from, lineEnd), w);
    w += lineEnd - from;
    lineStart = lineEnd;
  }
  return w === body.length ? out : out.slice(0, w);
}
