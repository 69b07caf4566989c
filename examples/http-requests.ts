/**
 * Every HTTP request in a capture with its response: method, host, URI,
 * status and body size, one line each — the fields of a pruned tree, paired
 * per TCP connection in order (HTTP/1.x answers requests in order).
 *
 *   npx tsx examples/http-requests.ts capture.pcap
 */
import { CaptureReader, DissectionSession, dissectCapture, fieldRegistry, TreeContext, type FieldNode } from '@netdissect/core';
import '@netdissect/http';

const WANTED = ['tcp.stream', 'http.request.method', 'http.host', 'http.request.uri', 'http.response.code', 'http.response.phrase', 'http.file_data'];

/** A TreeContext that keeps only the fields we read: cheap, like tshark -e. */
function interestIn(abbrevs: string[]): TreeContext {
  const interest = new Uint8Array(fieldRegistry.size + 1024);
  for (const a of abbrevs) for (const def of fieldRegistry.lookup(a) ?? []) interest[def.id] = 1;
  return new TreeContext(interest);
}

/** The field values of one frame, in tree order (a segment may carry several messages). */
function values(root: FieldNode): Array<[string, unknown, number]> {
  const out: Array<[string, unknown, number]> = [];
  root.forEach((n) => {
    if (n.def) out.push([n.def.abbrev, n.resolvedValue, n.length]);
  });
  return out;
}

interface Request {
  frame: number;
  method: string;
  host: string;
  uri: string;
}

async function main(file: string): Promise<void> {
  const session = new DissectionSession();
  const waiting = new Map<number, Request[]>();
  const lines: string[] = [];
  await dissectCapture(await CaptureReader.open(file), session, { tree: interestIn(WANTED) }, (f, raw) => {
    let stream = -1;
    let req: Request | null = null;
    let status: string | null = null;
    let size = 0;
    const flush = (): void => {
      if (req) (waiting.get(stream) ?? waiting.set(stream, []).get(stream)!).push(req);
      // 1xx answers are interim (100 Continue): the final response still follows.
      if (status !== null && !status.startsWith('1')) {
        const r = waiting.get(stream)?.shift();
        lines.push(`${r ? `${r.method} http://${r.host}${r.uri}` : '(request not captured)'} -> ${status}, ${size} bytes (frames ${r?.frame ?? '?'}-${raw.no})`);
      }
      req = null;
      status = null;
      size = 0;
    };
    for (const [name, value, length] of values(f.tree!)) {
      if (name === 'tcp.stream') stream = value as number;
      else if (name === 'http.request.method') {
        flush();
        req = { frame: raw.no, method: String(value), host: '', uri: '' };
      } else if (name === 'http.host' && req) req.host = String(value);
      else if (name === 'http.request.uri' && req) req.uri = String(value);
      else if (name === 'http.response.code') {
        flush();
        status = String(value);
      } else if (name === 'http.response.phrase' && status !== null) status += ` ${String(value)}`;
      else if (name === 'http.file_data' && status !== null) size = length;
    }
    flush();
  });
  for (const [, rest] of waiting) for (const r of rest) lines.push(`${r.method} http://${r.host}${r.uri} -> (no response captured) (frame ${r.frame})`);
  process.stdout.write(lines.join('\n') + '\n');
}

if (!process.argv[2]) {
  process.stderr.write('usage: npx tsx examples/http-requests.ts CAPTURE\n');
  process.exit(2);
}
await main(process.argv[2]);
