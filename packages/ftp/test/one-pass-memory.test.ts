// One pass over a capture with many FTP transfers: what FTP keeps for the
// whole session must not grow with the number of transfers (per-frame links
// are for sessions that revisit frames; matched expected connections leave
// the pending list).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DissectionSession, type Conversation } from '@netdissect/core';
import '@netdissect/ftp';
import '@netdissect/http';
import { afterAll, describe, expect, it } from 'vitest';
import { readPackets } from '../../../test/support/dissect-frames.js';
import { repoRoot } from '../../../test/support/paths.js';

const generator = join(repoRoot, '..', 'shared', 'bench', 'make-capture.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ftp-one-pass-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface FtpSessionState {
  dataByFrame: Map<number, unknown>;
  pending: Conversation[];
}

async function dissectAll(keepHistory: boolean): Promise<{ ftp: FtpSessionState; transfers: number }> {
  const file = join(dir, 'mixed.pcap');
  if (!existsSync(file)) execFileSync(process.execPath, [generator, '--packets', '80000', '--out', file]);
  const session = new DissectionSession();
  session.keepHistory = keepHistory;
  const dataStreams = new Set<number>();
  for (const p of await readPackets(file)) {
    const { pinfo } = session.dissect(p, null);
    if (pinfo.cols.protocol === 'FTP-DATA') dataStreams.add(pinfo.srcport * 65536 + pinfo.dstport);
  }
  return { ftp: session.protoState.get('ftp') as FtpSessionState, transfers: dataStreams.size };
}

describe.skipIf(!existsSync(generator))('FTP state on one pass', () => {
  it('keeps no per-frame links, and only the expected connections still unmatched (plus a bounded backlog)', async () => {
    const { ftp, transfers } = await dissectAll(false);
    expect(transfers).toBeGreaterThan(100);
    expect(ftp.dataByFrame.size).toBe(0);
    const unmatched = ftp.pending.filter((c) => c.portB === -1).length;
    expect(ftp.pending.length).toBeLessThanOrEqual(Math.max(64, 2 * unmatched));
    expect(ftp.pending.length).toBeLessThan(transfers);
  });

  it('keeps the per-frame links when frames are revisited', async () => {
    const { ftp, transfers } = await dissectAll(true);
    expect(ftp.dataByFrame.size).toBeGreaterThanOrEqual(transfers);
  });
});
