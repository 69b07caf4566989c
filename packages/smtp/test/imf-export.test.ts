import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportedObject } from '@netdissect/core';
import { IMF_EXPORT_TAP } from '@netdissect/smtp';
import { describe, expect, it } from 'vitest';
import { corpusFiles, goldenName, goldensDir } from '../../../test/support/paths.js';
import { capturePackets, dissectPackets } from './support/dissect.js';
import { exportFileNames } from './support/export-file-names.js';

interface RecordedObject {
  name: string;
  size: number;
  sha256: string;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

// The captures whose mail travels over SMTP: the POP3 and IMAP ones depend on those packages calling "imf".
const SMTP_CAPTURES = ['smtp/', 'tcp/smtp-one-side-only.pcap', 'malformed/suri-smtp-to-comma.pcap'];

describe('IMF export objects match tshark --export-objects imf', () => {
  for (const file of corpusFiles().filter((f) => SMTP_CAPTURES.some((c) => f.includes(c)))) {
    const name = goldenName(file);
    it(name, async () => {
      const golden = join(goldensDir, 'imf-objects', `${name}.json`);
      const want: RecordedObject[] = existsSync(golden) ? (JSON.parse(readFileSync(golden, 'utf8')) as { objects: RecordedObject[] }).objects : [];
      const objects: ExportedObject[] = [];
      dissectPackets(await capturePackets(file), [], { taps: { [IMF_EXPORT_TAP]: (d) => objects.push(d as ExportedObject) } });
      const names = exportFileNames(objects.map((o) => o.filename));
      const got = objects.map((o, i) => ({ name: names[i]!, size: o.payload.length, sha256: sha256(o.payload) })).sort((a, b) => (a.name < b.name ? -1 : 1));
      expect(got).toEqual(want);
    });
  }

  it('names the sender without its display name', async () => {
    const objects: ExportedObject[] = [];
    const file = corpusFiles().find((f) => f.endsWith('smtp/smtp-zip.pcap'))!;
    dissectPackets(await capturePackets(file), [], { taps: { [IMF_EXPORT_TAP]: (d) => objects.push(d as ExportedObject) } });
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatchObject({ hostname: 'xxxxx@xxx.net', contentType: 'EML file', filename: 'zip test.eml', frame: 18 });
  });
});
