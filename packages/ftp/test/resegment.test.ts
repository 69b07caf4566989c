import type { RawPacket } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusPath } from '../../../test/support/paths.js';
import { readAllPackets, resegmentTcp } from '../../../test/support/resegment-tcp.js';
import { forEachFrame } from './support/dissect-capture.js';

const WATCHED = ['ftp.request.command', 'ftp.request.arg', 'ftp.response.code', 'ftp.response.arg'];

/** The FTP requests and replies of a capture, in order, as "field=value". */
function ftpDialogue(packets: readonly RawPacket[]): string[] {
  const out: string[] = [];
  forEachFrame(packets, { fields: WATCHED }, (f) => {
    f.tree.forEach((n) => {
      if (n.def) out.push(`${n.def.abbrev}=${String(n.resolvedValue)}`);
    });
  });
  return out;
}

describe.skipIf(!corpusAvailable())('FTP does not depend on where TCP segments end', () => {
  for (const capture of ['ftp/tickedoffdeveloper.pcapng', 'ftp/suri-ftp-upload-active.pcap']) {
    it(`${capture} cut into 1-byte segments reads the same`, async () => {
      const packets = await readAllPackets(corpusPath(capture));
      const original = ftpDialogue(packets);
      expect(original.length).toBeGreaterThan(50);
      expect(original).toContain('ftp.request.command=PASS');
      const recut = resegmentTcp(packets, 1);
      expect(recut.length).toBeGreaterThan(packets.length * 5);
      expect(ftpDialogue(recut)).toEqual(original);
    });
  }
});
