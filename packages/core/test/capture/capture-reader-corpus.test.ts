// Every capture of the corpus read by path and compared, packet by packet,
// with what tshark 4.0.17 reported (expected/*.json, see record-expected.mjs).
import { describe, expect, it } from 'vitest';
import { CaptureFile } from '../../src/capture/capture-random-access.js';
import { CaptureFileError } from '../../src/capture/capture-error.js';
import { capturePath, epochString, loadExpected, readAll } from './corpus.js';

const expectedCaptures = loadExpected();

/** Simple Packet Blocks and custom blocks carry no timestamp: tshark prints nothing. */
function epochOrEmpty(hasTimestamp: boolean | undefined, tsSec: number, tsNsec: number): string {
  return hasTimestamp === false ? '' : epochString(tsSec, tsNsec);
}

describe('CaptureReader over the corpus, against tshark', () => {
  it('has expectations for the whole corpus', () => {
    expect(expectedCaptures.length).toBeGreaterThanOrEqual(81);
  });

  for (const exp of expectedCaptures) {
    it(exp.capture, async () => {
      const path = capturePath(exp.capture);
      const { reader, packets, error } = await readAll(path);

      if (exp.error === null) {
        expect(error).toBeUndefined();
      } else {
        // tshark stopped on a damaged file: we must stop at the same packet with an error.
        expect(error).toBeInstanceOf(CaptureFileError);
      }
      expect(packets.length).toBe(exp.packets.length);

      // Compare as rows (one expect per capture keeps this fast and the diff readable).
      const actualRows = packets.map((p) => [
        p.no,
        epochOrEmpty(p.hasTimestamp, p.tsSec, p.tsNsec),
        p.len,
        p.caplen,
        p.interfaceId,
        p.comments ?? null,
      ]);
      const expectedRows = exp.packets.map((e, i) => [i + 1, e[1], e[2], e[3], e[4] ?? 0, e[5]]);
      expect(actualRows).toEqual(expectedRows);

      const file = CaptureFile.open(path);
      try {
        for (const p of packets) {
          // dataOffset lets the frame be re-read later.
          if (Buffer.compare(file.read(p.dataOffset, p.caplen), p.bytes) !== 0) {
            expect.fail(`${exp.capture} frame ${p.no}: re-read at ${p.dataOffset} differs`);
          }
          // The packet's link type is that of its interface (custom blocks have none).
          if (p.custom) continue;
          const linktypes = reader.info.interfaces.filter((f) => f.id === p.interfaceId).map((f) => f.linktype);
          if (!linktypes.includes(p.linktype)) expect.fail(`${exp.capture} frame ${p.no}: linktype ${p.linktype} not among ${linktypes}`);
        }
      } finally {
        file.close();
      }
    });
  }
});
