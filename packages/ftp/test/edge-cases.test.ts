import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DissectionSession, type ExportedObject } from '@netdissect/core';
import { FTP_EO_TAP } from '@netdissect/ftp';
import { describe, expect, it } from 'vitest';
import { compareFieldOutputs } from '../../../test/support/field-sets.js';
import { goldensDir } from '../../../test/support/paths.js';
import { readAllPackets } from '../../../test/support/resegment-tcp.js';
import { runNetdissect } from '../../../test/support/run-cli.js';
import { byNumber, dissectPackets, forEachFrame, values } from './support/dissect-capture.js';
import { edgeCaseCapture, fixturesDir } from './support/fixtures.js';

const fields = (JSON.parse(readFileSync(join(goldensDir, 'field-sets', 'ftp.json'), 'utf8')) as { fields: string[] }).fields;
const recorded = (name: string) => readFileSync(join(fixturesDir, name), 'utf8');

// Scripted captures (scripts/make-edge-case-capture.mjs) covering what the
// corpus does not, checked against tshark's output recorded next to them.
for (const name of ['ftp-edge-cases', 'ftp-dangling-announcement']) {
  const capture = join(fixturesDir, `${name}.pcap`);
  describe(`${name}.pcap agrees with tshark 4.0`, () => {
    it('summary lines', async () => {
      const r = await runNetdissect(['-r', capture]);
      expect(r.stdout).toBe(recorded(`${name}.txt`));
    });

    it('every ftp and ftp-data field, two passes', async () => {
      const args = ['-2', '-r', capture, '-T', 'fields', '-E', 'header=y'];
      for (const f of fields) args.push('-e', f);
      const r = await runNetdissect(args);
      const cmp = compareFieldOutputs(recorded(`${name}.tsv`), r.stdout, fields, name);
      expect(cmp.cells).toBeGreaterThan(50);
      expect(cmp.mismatches).toEqual([]);
    });

    it('exported files', async () => {
      const session = new DissectionSession();
      const seen: ExportedObject[] = [];
      session.addTap(FTP_EO_TAP, (_p, o) => seen.push(o as ExportedObject));
      forEachFrame(await readAllPackets(capture), { session, fields: [] }, () => {});
      const got = seen.map((o) => ({ filename: o.filename, size: o.payload.length, sha256: createHash('sha256').update(o.payload).digest('hex') }));
      expect(got).toEqual(JSON.parse(recorded(`${name}.objects.json`)));
    });
  });
}

describe('ftp-edge-cases.pcap details', () => {
  it('marks bad EPRT and PWD arguments, and PASV replies naming another host', async () => {
    const f = byNumber(dissectPackets(await edgeCaseCapture()));
    expect(f(47).pinfo.experts.map((e) => e.summary)).toEqual(['EPRT arguments must have the form: |<family>|<addr>|<port>|']);
    expect(f(32).pinfo.experts.map((e) => e.summary)).toEqual(['Invalid PWD response']);
    expect(values(f(14), 'ftp.passive.nat')).toEqual([true]);
  });
});
