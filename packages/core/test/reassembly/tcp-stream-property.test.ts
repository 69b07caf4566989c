import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PcapWriter, tcpConnections, type RawPacket, type TcpConnection } from '@netdissect/core';
import { corpusAvailable, corpusPath } from '../../../../test/support/paths.js';
import { readAllPackets } from '../../../../test/support/resegment-tcp.js';

/** sfc32: small seeded PRNG so a failing seed reproduces. */
function prng(seed: number): () => number {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

/** TCP payload facts of an Ethernet/IPv4 frame. */
function tcpInfo(p: RawPacket): { syn: boolean; payloadLen: number } | null {
  const b = p.bytes;
  if (p.linktype !== 1 || ((b[12]! << 8) | b[13]!) !== 0x0800 || b[23] !== 6) return null;
  const ihl = (b[14]! & 15) * 4;
  const total = (b[16]! << 8) | b[17]!;
  const tcp = 14 + ihl;
  const thl = (b[tcp + 12]! >> 4) * 4;
  return { syn: (b[tcp + 13]! & 0x02) !== 0, payloadLen: total - ihl - thl };
}

const dir = mkdtempSync(join(tmpdir(), 'nd-tcp-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function connectionsOf(packets: RawPacket[], name: string): Promise<TcpConnection[]> {
  const path = join(dir, name);
  const w = await PcapWriter.open(path);
  await w.writeBatch(packets);
  await w.close();
  const out: TcpConnection[] = [];
  for await (const c of tcpConnections(path)) out.push(c);
  return out.sort((a, b) => a.stream - b.stream);
}

const CAPTURES = ['http/get.pcap', 'smtp/smtp-zip.pcap', 'pop3/pop3.pcap', 'http/pipelined-requests.pcap', 'ftp/ipv4.pcap'];

describe.skipIf(!corpusAvailable())('TCP stream reassembly survives shuffled, duplicated and dropped segments', () => {
  for (const capture of CAPTURES) {
    for (const seed of [1, 2, 3]) {
      it(`${capture} seed ${seed}`, async () => {
        const original = (await readAllPackets(corpusPath(capture))).map((p) => ({ ...p, dataOffset: -1 }));
        const baseline = await connectionsOf(original, `base-${seed}.pcap`);
        const rnd = prng(seed * 7919 + capture.length);
        // Mutate: drop or duplicate some data segments, then shuffle data segments locally.
        // Handshake segments keep their places so every stream keeps its sequence base.
        const mutated: RawPacket[] = [];
        const dropped = new Set<RawPacket>();
        for (const p of original) {
          const t = tcpInfo(p);
          if (t && !t.syn && t.payloadLen > 0) {
            const r = rnd();
            if (r < 0.08) {
              dropped.add(p);
              continue;
            }
            if (r < 0.18) mutated.push(p);
          }
          mutated.push(p);
        }
        for (let i = 0; i < mutated.length; i++) {
          const t = tcpInfo(mutated[i]!);
          if (!t || t.syn || t.payloadLen === 0) continue;
          const j = Math.min(mutated.length - 1, i + Math.floor(rnd() * 4));
          const u = tcpInfo(mutated[j]!);
          if (u && !u.syn && u.payloadLen > 0) [mutated[i], mutated[j]] = [mutated[j]!, mutated[i]!];
        }
        const got = await connectionsOf(mutated, `mut-${seed}.pcap`);
        let gaps = 0;
        for (const conn of got) {
          const base = baseline.find((b) => b.stream === conn.stream || (b.client.port === conn.client.port && b.server.port === conn.server.port));
          expect(base, `stream ${conn.stream} exists in the original`).toBeDefined();
          for (const [chunks, orig] of [
            [conn.clientChunks, base!.clientBytes()],
            [conn.serverChunks, base!.serverBytes()],
          ] as const) {
            for (const c of chunks) {
              if (c.missing) {
                gaps++;
                expect(c.offset + c.missing).toBeLessThanOrEqual(orig.length);
                continue;
              }
              // Every delivered byte is the original byte at that stream offset.
              expect(Buffer.from(c.data).equals(Buffer.from(orig.subarray(c.offset, c.offset + c.data.length)))).toBe(true);
            }
            // Delivered + missing accounts for the stream without holes or overlaps.
            let pos = 0;
            for (const c of chunks) {
              expect(c.offset).toBe(pos);
              pos += c.missing || c.data.length;
            }
          }
        }
        if (dropped.size === 0) {
          expect(gaps).toBe(0);
          for (const conn of got) {
            const base = baseline.find((b) => b.stream === conn.stream)!;
            expect(Buffer.from(conn.clientBytes()).equals(Buffer.from(base.clientBytes()))).toBe(true);
            expect(Buffer.from(conn.serverBytes()).equals(Buffer.from(base.serverBytes()))).toBe(true);
          }
        } else {
          // Each dropped segment followed by later data in its direction shows up as missing bytes.
          expect(gaps).toBeGreaterThan(0);
        }
      });
    }
  }
});
