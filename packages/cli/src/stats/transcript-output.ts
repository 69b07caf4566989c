import { AddressType, followTcp, type DissectedFrame, type DissectionSession, type FollowEndpoints } from '@netdissect/core';
import type { TreeNeeds } from '../output/frame-printer.js';
import { UsageError } from '../usage-error.js';
import type { StatsOutput } from './stats-request.js';
import { renderTranscript, transcriptProtocol, type TranscriptProtocol } from './transcript.js';
import { fieldDefs, findItem } from './tree-items.js';

/** A parsed "transcript,tcp,N[,PROTOCOL]". */
export interface TranscriptRequest {
  readonly stream: number;
  readonly protocol: TranscriptProtocol | null;
}

const PROTOCOLS: readonly TranscriptProtocol[] = ['smtp', 'pop3', 'imap', 'ftp', 'http', 'text'];

export function parseTranscript(arg: string): TranscriptRequest {
  const [, proto, stream, protocol, ...rest] = arg.split(',');
  if (proto !== 'tcp' || stream === undefined || !/^\d+$/.test(stream) || rest.length) {
    throw new UsageError(`invalid "-z transcript,tcp,<stream>[,<protocol>]" argument "${arg}"`);
  }
  if (protocol !== undefined && !PROTOCOLS.includes(protocol as TranscriptProtocol)) {
    throw new UsageError(`transcript: unknown protocol "${protocol}" (use ${PROTOCOLS.join(', ')})`);
  }
  return { stream: Number(stream), protocol: (protocol as TranscriptProtocol | undefined) ?? null };
}

/** Dissector names (pinfo.layers) of the protocols a transcript reads. */
const LAYER_PROTOCOLS: ReadonlyMap<string, TranscriptProtocol> = new Map([
  ['smtp', 'smtp'], ['pop', 'pop3'], ['imap', 'imap'], ['ftp', 'ftp'], ['http', 'http'],
]);

function node(addr: FollowEndpoints['client'], port: number): string {
  return addr.type === AddressType.IPv6 ? `[${addr}]:${port}` : `${addr}:${port}`;
}

const RULE = '===================================================================\n';

/**
 * -z transcript,tcp,N: the conversation of tcp.stream N as the textbook
 * shows it (see renderTranscript). The protocol is the one named, else
 * the one the dissectors found in the stream, else guessed from the port
 * and the first bytes.
 */
export class TranscriptOutput implements StatsOutput {
  readonly needs: TreeNeeds = { kind: 'fields', defs: fieldDefs(['tcp.stream']), labels: false };
  private readonly followers;
  private dissected: TranscriptProtocol | null = null;

  constructor(private readonly req: TranscriptRequest, session: DissectionSession) {
    this.followers = followTcp(session, req.stream);
  }

  frame(f: DissectedFrame): void {
    if (this.dissected || !f.tree || findItem(f.tree, 'tcp.stream')?.value !== this.req.stream) return;
    for (const layer of f.pinfo.layers) {
      const p = LAYER_PROTOCOLS.get(layer);
      if (p) {
        this.dissected = p;
        return;
      }
    }
  }

  render(): string {
    const f = this.followers.get(this.req.stream);
    const e = f?.endpoints;
    if (!f || !e) return `\n${RULE}Transcript: tcp stream ${this.req.stream} not found\n${RULE}`;
    const options = { protocol: this.req.protocol ?? this.dissected, serverPort: e.serverPort };
    const protocol = transcriptProtocol(f.records, options);
    let out = `\n${RULE}Transcript: tcp stream ${this.req.stream} (${protocol.toUpperCase()})\n`;
    out += `C: ${node(e.client, e.clientPort)}\nS: ${node(e.server, e.serverPort)}\n\n`;
    for (const line of renderTranscript(f.records, { ...options, protocol })) out += `${line}\n`;
    return out + RULE;
  }
}
