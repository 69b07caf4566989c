import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { httpObjectsOfFile, pathBasename } from '@netdissect/http';
import type { ExportedObject } from '@netdissect/core';
import { corpusAvailable, corpusPath, goldensDir } from '../../../test/support/paths.js';

interface RecordedObjects {
  capture: string;
  objects: Array<{ name: string; size: number; sha256: string }>;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

const MAX_NAME = 255;

/** tshark's clean-up of a file name (eo_massage_str, eo_rename), without its "(n)" de-duplication. */
function tsharkName(o: ExportedObject): string {
  const name = (o.filename === '' ? `object${o.frame}${o.contentType ? `.${o.contentType}` : ''}` : o.filename)
    .replace(/[<>:"/\\|?*\x01-\x1f]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  if (name.length <= MAX_NAME) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot >= 0 ? name.slice(dot) : '';
  if (dot >= 0 && ext.length < MAX_NAME) return name.slice(0, dot).slice(0, MAX_NAME - ext.length) + ext;
  return name.slice(0, MAX_NAME);
}

/** tshark writes a second "x.txt" as "x(1).txt". */
function withoutDuplicateSuffix(name: string): string {
  return name.replace(/\(\d+\)(?=\.[^.]*$|$)/, '');
}

function expectSameObjects(ours: ExportedObject[], recorded: RecordedObjects): void {
  expect(ours.map((o) => sha256(o.payload)).sort()).toEqual(recorded.objects.map((o) => o.sha256).sort());
  expect(ours.map(tsharkName).sort()).toEqual(recorded.objects.map((o) => withoutDuplicateSuffix(o.name)).sort());
}

describe('HTTP export objects match tshark --export-objects http', () => {
  it('names an object after the last path segment of its request URI', () => {
    expect(pathBasename('/download/CHANGES.bro-aux.txt')).toBe('CHANGES.bro-aux.txt');
    expect(pathBasename('/')).toBe('/');
    expect(pathBasename('/dir/')).toBe('dir');
    expect(pathBasename('/a?b=/c')).toBe('c');
  });

  const recordedDir = join(goldensDir, 'http-objects');
  describe.skipIf(!corpusAvailable())('corpus captures', () => {
    for (const file of readdirSync(recordedDir).filter((f) => f.endsWith('.json'))) {
      const recorded = JSON.parse(readFileSync(join(recordedDir, file), 'utf8')) as RecordedObjects;
      it(recorded.capture, async () => {
        expectSameObjects(await httpObjectsOfFile(corpusPath(recorded.capture)), recorded);
      });
    }
  });

  it('exports decoded bodies of every content coding (crafted codings.pcap)', async () => {
    const recorded = JSON.parse(readFileSync(join(goldensDir, 'http-crafted', 'codings.pcap.objects.json'), 'utf8')) as RecordedObjects;
    expectSameObjects(await httpObjectsOfFile(join(__dirname, 'captures', 'codings.pcap')), recorded);
  });
});
