import { mkdirSync, writeFileSync } from 'node:fs';
import { exportObjectsProvider, exportObjectsProviders, type DissectionSession, type ExportedObject, type PacketInfo } from '@netdissect/core';
import { UsageError } from '../usage-error.js';
import { ExportDirectory } from './export-file-names.js';

/** A parsed "--export-objects PROTOCOL,DIR". */
export interface ExportRequest {
  protocol: string;
  dir: string;
}

export function parseExportRequest(arg: string): ExportRequest {
  const comma = arg.indexOf(',');
  const protocol = comma < 0 ? arg : arg.slice(0, comma);
  const dir = comma < 0 ? '' : arg.slice(comma + 1);
  if (!exportObjectsProvider(protocol)) {
    const known = exportObjectsProviders().map((p) => p.name).sort().join(', ');
    throw new UsageError(`"${protocol}" isn't a valid --export-objects protocol; use one of: ${known}`);
  }
  if (!dir) throw new UsageError(`--export-objects ${protocol} needs a destination directory: --export-objects ${protocol},DIR`);
  return { protocol, dir };
}

/**
 * Collects one protocol's objects from its tap during dissection and writes
 * them at the end, named as tshark names them (the object's file name, or
 * object<frame>.<content type>, made safe and de-duplicated).
 */
export class ExportObjectsWriter {
  private readonly objects: ExportedObject[] = [];
  private readonly stop: () => void;

  constructor(private readonly req: ExportRequest, session: DissectionSession) {
    const provider = exportObjectsProvider(req.protocol)!;
    // Objects are complete once; a revisit of the same frame must not add them twice.
    this.stop = session.addTap(provider.tap, (pinfo: PacketInfo, obj: unknown) => {
      if (!pinfo.visited) this.objects.push(obj as ExportedObject);
    });
  }

  /** Write every object; returns how many were written. */
  finish(): number {
    this.stop();
    const provider = exportObjectsProvider(this.req.protocol)!;
    try {
      mkdirSync(this.req.dir, { recursive: true });
    } catch (e) {
      throw new UsageError(`Failed to create export objects output directory "${this.req.dir}": ${(e as Error).message}`);
    }
    const dir = new ExportDirectory(this.req.dir);
    for (const obj of this.objects) {
      const suggested = provider.fileName ? provider.fileName(obj) : obj.filename;
      const name = suggested ? suggested : `object${obj.frame}${obj.contentType ? '.' + obj.contentType : ''}`;
      writeFileSync(dir.claim(name), obj.payload);
    }
    return this.objects.length;
  }
}
