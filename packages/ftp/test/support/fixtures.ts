import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawPacket } from '@netdissect/core';
import { readAllPackets } from '../../../../test/support/resegment-tcp.js';

/** packages/ftp/test/fixtures: the scripted capture and what tshark said about it. */
export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** The scripted session of scripts/make-edge-case-capture.mjs. */
export const edgeCasePath = join(fixturesDir, 'ftp-edge-cases.pcap');

export function edgeCaseCapture(): Promise<RawPacket[]> {
  return readAllPackets(edgeCasePath);
}
