import { describe, expect, it } from 'vitest';
import type { RawPacket } from '@netdissect/core';
import { corpusAvailable, corpusPath } from '../../../test/support/paths.js';
import { readAllPackets } from '../../../test/support/resegment-tcp.js';
import { seededRandom as prng } from '../../../test/support/seeded-random.js';
import { popFields } from '@netdissect/pop3';
import { dissectPackets, valuesOf } from './support/dissect-capture.js';
import { buildTcpSession } from './support/tcp-session.js';

const INTERESTING = [0x00, 0x0a, 0x0d, 0x20, 0x2e, 0x2b, 0x2d, 0x30, 0x39, 0x7f, 0x80, 0xff];

/** Copy of `packets` with bytes of the TCP payloads (past the 54 header bytes) replaced at random. */
function mutate(packets: readonly RawPacket[], seed: number): RawPacket[] {
  const rand = prng(seed);
  return packets.map((p) => {
    const bytes = p.bytes.slice();
    for (let i = 54; i < bytes.length; i++) {
      if (rand() < 0.02) bytes[i] = rand() < 0.5 ? INTERESTING[Math.floor(rand() * INTERESTING.length)]! : Math.floor(rand() * 256);
    }
    return { ...p, bytes };
  });
}

function assertNoDissectorBug(packets: readonly RawPacket[]): void {
  for (const f of dissectPackets(packets, { twoPass: true })) expect(f.info, `frame ${f.no}`).not.toContain('Dissector bug');
}

describe.skipIf(!corpusAvailable())('bad input is data', () => {
  it('survives random damage to the POP payloads of pop3.pcap', async () => {
    const original = await readAllPackets(corpusPath('pop3/pop3.pcap'));
    for (let seed = 1; seed <= 20; seed++) assertNoDissectorBug(mutate(original, seed));
  });
});

describe('hostile sizes and lines', () => {
  it('does not trust a huge announced size, nor choke on NULs, bare CRs and high bytes', () => {
    const frames = dissectPackets(
      buildTcpSession([
        { fromClient: true, data: 'RETR 1\r\n' },
        { fromClient: false, data: '+OK 4294967295 octets\r\n' },
        { fromClient: false, data: 'x'.repeat(1000) + '\r\n' },
        { fromClient: false, data: 'y'.repeat(1000) + '\r\n' },
        { fromClient: true, data: Uint8Array.from(Buffer.from('US\0ER \xff\xfe\rbob\r\n', 'latin1')) },
        { fromClient: false, data: '+OK -5 \x1b[31m\r\n' },
      ]),
      { twoPass: true, limits: { tcpReassemblyBytesPerFlow: 1500 } },
    );
    expect(frames.map((f) => f.info).slice(3)).toEqual([
      'C: RETR 1',
      'S: +OK 4294967295 octets',
      'S: DATA fragment, 1002 bytes',
      'S: DATA fragment, 1002 bytes',
      'C: US\\000ER \ufffd\ufffd',
      'S: +OK -5 \\033[31m',
    ]);
    // As tshark: the value stops at the NUL, the bytes above 0x7f become U+FFFD.
    expect(valuesOf(frames[7]!.tree, popFields.requestCommand)).toEqual(['US']);
    expect(valuesOf(frames[7]!.tree, popFields.requestParameter)).toEqual(['\ufffd\ufffd']);
    expect(valuesOf(frames[7]!.tree, popFields.requestData)).toEqual(['']);
  });
});
