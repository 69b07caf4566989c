import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DissectionSession, exportObjectsProvider, type ExportedObject, type RawPacket } from '@netdissect/core';
import { FTP_EO_TAP } from '@netdissect/ftp';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusPath, goldensDir } from '../../../test/support/paths.js';
import { readAllPackets, resegmentTcp } from '../../../test/support/resegment-tcp.js';
import { forEachFrame } from './support/dissect-capture.js';

interface RecordedObject {
  filename: string;
  size: number;
  sha256: string;
}

const objectsDir = join(goldensDir, 'ftp-objects');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** What a listener on the ftp_eo tap ends up with, read after the run; `late` attaches it for the second pass only. */
function exported(packets: readonly RawPacket[], mode: 'one-pass' | 'two-pass-late'): RecordedObject[] {
  const session = new DissectionSession();
  const seen: ExportedObject[] = [];
  const listen = () => session.addTap(FTP_EO_TAP, (_p, o) => seen.push(o as ExportedObject));
  if (mode === 'one-pass') listen();
  forEachFrame(packets, { session, twoPass: mode !== 'one-pass', beforeSecondPass: listen, fields: [] }, () => {});
  return seen.map((o) => ({ filename: o.filename, size: o.payload.length, sha256: sha256(o.payload) })).sort((a, b) => a.filename.localeCompare(b.filename));
}

const goldens = existsSync(objectsDir) ? readdirSync(objectsDir).filter((f) => f.endsWith('.json')) : [];

/** A recorded listing (scripts/record-goldens.mjs --set export-objects) in this test's shape. */
function recorded(golden: string): RecordedObject[] {
  const { objects } = JSON.parse(readFileSync(join(objectsDir, golden), 'utf8')) as { objects: { name: string; size: number; sha256: string }[] };
  return objects.map((o) => ({ filename: o.name, size: o.size, sha256: o.sha256 }));
}

describe.skipIf(!corpusAvailable())('ftp-data export objects, as tshark --export-objects ftp-data writes them', () => {
  it('registers the ftp-data provider on its tap', () => {
    expect(exportObjectsProvider('ftp-data')?.tap).toBe(FTP_EO_TAP);
    expect(goldens.length).toBeGreaterThan(0);
  });

  for (const golden of goldens) {
    const capture = golden.replace(/\.json$/, '').replaceAll('__', '/');
    it(`${capture}: same files, same SHA-256`, async () => {
      const want = recorded(golden);
      const packets = await readAllPackets(corpusPath(capture));
      expect(exported(packets, 'one-pass')).toEqual(want);
      expect(exported(packets, 'two-pass-late')).toEqual(want);
    });
  }

  it('the uploaded file survives 1-byte TCP segments (tickedoffdeveloper.pcapng)', async () => {
    const want = recorded('ftp__tickedoffdeveloper.pcapng.json');
    const packets = resegmentTcp(await readAllPackets(corpusPath('ftp/tickedoffdeveloper.pcapng')), 1);
    expect(exported(packets, 'one-pass')).toEqual(want);
  });

  it('reports each file on its first data frame, from the host that sent it', async () => {
    const session = new DissectionSession();
    const seen: ExportedObject[] = [];
    session.addTap(FTP_EO_TAP, (_p, o) => seen.push(o as ExportedObject));
    forEachFrame(await readAllPackets(corpusPath('ftp/tickedoffdeveloper.pcapng')), { session, fields: [] }, () => {});
    expect(seen.map((o) => ({ frame: o.frame, hostname: o.hostname, contentType: o.contentType }))).toEqual([{ frame: 66, hostname: '172.16.16.128', contentType: 'FTP file' }]);
  });

  it('honours ftp-data.export.maxsize (MB)', async () => {
    const session = new DissectionSession({ prefs: { 'ftp-data.export.maxsize': 0.01 } });
    const seen: ExportedObject[] = [];
    session.addTap(FTP_EO_TAP, (_p, o) => seen.push(o as ExportedObject));
    forEachFrame(await readAllPackets(corpusPath('ftp/tickedoffdeveloper.pcapng')), { session, fields: [] }, () => {});
    expect(seen[0]!.payload.length).toBe(Math.floor(0.01 * 1024 * 1024));
  });
});
