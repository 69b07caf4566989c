import { AddressType, followTcp, followUdp, type DissectionSession, type FollowEndpoints, type FollowRecord } from '@netdissect/core';
import { UsageError } from '../usage-error.js';

type FollowMode = 'ascii' | 'hex' | 'raw' | 'ebcdic' | 'yaml';

/** A parsed "-z follow,tcp,ascii,N" request. */
export interface FollowRequest {
  proto: 'tcp' | 'udp';
  mode: FollowMode;
  stream: number;
  chunkMin: number;
  chunkMax: number;
}

export function parseFollow(arg: string): FollowRequest {
  const parts = arg.split(',');
  const [, proto, mode, stream, range] = parts;
  if (proto !== 'tcp' && proto !== 'udp') throw new UsageError(`follow: unsupported protocol "${proto ?? ''}" (use tcp or udp)`);
  if (!mode || !['ascii', 'hex', 'raw', 'ebcdic', 'yaml'].includes(mode)) throw new UsageError('follow - Invalid display mode.');
  if (stream === undefined || !/^\d+$/.test(stream)) throw new UsageError('follow - Invalid filter.');
  let chunkMin = 1;
  let chunkMax = Number.MAX_SAFE_INTEGER;
  if (range !== undefined) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(range);
    if (!m) throw new UsageError('follow - Invalid range.');
    chunkMin = Number(m[1]);
    chunkMax = m[2] !== undefined ? Number(m[2]) : chunkMin;
  }
  return { proto, mode: mode as FollowMode, stream: Number(stream), chunkMin, chunkMax };
}

const SEPARATOR = '===================================================================\n';

function node(addr: FollowEndpoints['client'] | null, port: number): string {
  if (!addr) return ':0';
  return addr.type === AddressType.IPv6 ? `[${addr}]:${port}` : `${addr}:${port}`;
}

function hexDump(prefix: string, offset: number, data: Uint8Array): string {
  let out = '';
  for (let i = 0; i < data.length; i += 16) {
    const row = data.subarray(i, i + 16);
    let hex = '';
    let ascii = '';
    for (let j = 0; j < 16; j++) {
      if (j < row.length) {
        const b = row[j]!;
        hex += b.toString(16).padStart(2, '0') + ' ';
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      } else {
        hex += '   ';
      }
      if (j === 7) {
        hex += ' ';
        if (j < row.length) ascii += ' ';
      }
    }
    // tshark drops one trailing blank from the ASCII column (its column-8 gap, or a real space).
    if (ascii.endsWith(' ')) ascii = ascii.slice(0, -1);
    out += `${prefix}${(offset + i).toString(16).toUpperCase().padStart(8, '0')}  ${hex} ${ascii}\n`;
  }
  return out;
}

function asciiChunk(data: Uint8Array): string {
  let s = '';
  for (const b of data) s += b === 0x0d || b === 0x0a || (b >= 0x20 && b < 0x7f) ? String.fromCharCode(b) : '.';
  return s;
}

/**
 * Collects a stream while the capture is dissected and prints it at the
 * end exactly as tshark's -z follow does.
 */
export class FollowOutput {
  private readonly followers;

  constructor(private readonly req: FollowRequest, session: DissectionSession) {
    this.followers = req.proto === 'tcp' ? followTcp(session, req.stream) : followUdp(session, req.stream);
  }

  render(): string {
    const f = this.followers.get(this.req.stream);
    const e = f?.endpoints ?? null;
    const records: readonly FollowRecord[] = f?.records ?? [];
    let out = `\n${SEPARATOR}Follow: ${this.req.proto},${this.req.mode}\nFilter: ${this.req.proto}.stream eq ${this.req.stream}\n`;
    out += `Node 0: ${node(e?.client ?? null, e?.clientPort ?? 0)}\nNode 1: ${node(e?.server ?? null, e?.serverPort ?? 0)}\n`;
    const pos = [0, 0];
    records.forEach((r, i) => {
      const chunk = i + 1;
      const side = r.isServer ? 1 : 0;
      if (chunk < this.req.chunkMin || chunk > this.req.chunkMax) {
        pos[side] += r.data.length;
        return;
      }
      const tab = r.isServer ? '\t' : '';
      switch (this.req.mode) {
        case 'ascii':
        case 'ebcdic':
          out += `${tab}${r.data.length}\n${asciiChunk(r.data)}\n`;
          break;
        case 'hex':
          out += hexDump(tab, pos[side]!, r.data);
          pos[side] += r.data.length;
          break;
        case 'raw':
          out += `${tab}${Buffer.from(r.data).toString('hex')}\n`;
          break;
        case 'yaml':
          break;
      }
    });
    return out + SEPARATOR;
  }
}
