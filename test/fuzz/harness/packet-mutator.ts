/** Picks and applies one change to one frame, from every per-frame mutator weighted by its weight. */
import type { RawPacket } from '@netdissect/core';
import { bitFlip, byteOverwrite, extend, truncate, wireLength } from './byte-mutators.js';
import { dnsCounts, dnsPointer, dnsRdlength, dnsTcpLength } from './dns-mutators.js';
import { ipFragment, ipLength, ipv4HeaderLength, tcpDataOffset, tcpFlags, tcpOptions, tcpSequence, udpLength } from './header-field-mutators.js';
import type { PacketMutationContext, PacketMutator } from './mutation.js';
import { locateLayers } from './packet-layout.js';
import {
  anyNumber, brokenUtf8, chunkSize, compressedBody, contentLength, imapLiteral, lineEndings, longRun, protocolToken, repeatLine, smtpBdat, terminalEscape,
} from './payload-text-mutators.js';
import { splicePayload } from './splice-mutators.js';

export const PACKET_MUTATORS: readonly PacketMutator[] = [
  bitFlip, byteOverwrite, truncate, extend, wireLength,
  ipLength, ipv4HeaderLength, ipFragment, udpLength, tcpDataOffset, tcpFlags, tcpSequence, tcpOptions,
  dnsCounts, dnsRdlength, dnsPointer, dnsTcpLength,
  contentLength, chunkSize, imapLiteral, smtpBdat, anyNumber, lineEndings, terminalEscape, brokenUtf8, longRun, protocolToken, repeatLine,
  compressedBody, splicePayload,
];

const TOTAL_WEIGHT = PACKET_MUTATORS.reduce((n, m) => n + m.weight, 0);

/**
 * Change `packet` in place with one mutator. Mutators that do not apply to
 * the frame (a DNS change on HTTP) are skipped and another is drawn; a
 * bit flip, which always applies, ends the search.
 */
export function mutatePacket(packet: RawPacket, ctx: PacketMutationContext): { kind: string; detail: string } | null {
  for (let attempt = 0; attempt < 8; attempt++) {
    const m = drawMutator(ctx.rng.below(TOTAL_WEIGHT));
    const detail = m.apply(packet, locateLayers(packet.bytes, packet.linktype), ctx);
    if (detail !== null) return { kind: m.kind, detail };
  }
  const detail = bitFlip.apply(packet, locateLayers(packet.bytes, packet.linktype), ctx);
  return detail === null ? null : { kind: bitFlip.kind, detail };
}

function drawMutator(ticket: number): PacketMutator {
  for (const m of PACKET_MUTATORS) {
    if (ticket < m.weight) return m;
    ticket -= m.weight;
  }
  return PACKET_MUTATORS[PACKET_MUTATORS.length - 1]!;
}
