import { mkdirSync } from 'node:fs';
import { exportObjectsProvider, exportObjectsProviders, type DissectionSession, type ExportedObject, type ExportObjectsProvider, type PacketInfo } from '@netdissect/core';
import { UsageError } from '../usage-error.js';
import { ExportDirectory } from './export-file-names.js';
import { FileWriteQueue } from './file-write-queue.js';

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

/** Queued files past which dissection waits for the disk (each holds an object's bytes). */
const MAX_QUEUED_FILES = 256;

/**
 * Writes one protocol's objects from its tap as they complete, named as
 * tshark names them (the object's file name, or object<frame>.<content
 * type>, made safe and de-duplicated in the order the objects appear). A
 * complete object's file is written in the background while dissection goes
 * on, and its bytes are dropped once written: memory does not grow with the
 * number of objects. Objects that grow until the end (FTP-DATA's) are written
 * at the end, and so are those of a writer sharing its directory with an
 * earlier one: as in tshark, each protocol's files are named after the
 * earlier protocol's files exist.
 */
export class ExportObjectsWriter {
  private readonly stop: () => void;
  private readonly provider: ExportObjectsProvider;
  private readonly files = new FileWriteQueue();
  private dir: ExportDirectory | null = null;
  private failure: UsageError | null = null;
  private count = 0;
  /** Objects written by finish (in the order they appeared), when they may grow or an earlier writer shares the directory. */
  private readonly heldToEnd: ExportedObject[] = [];
  private readonly atEnd: boolean;

  constructor(
    private readonly req: ExportRequest,
    session: DissectionSession,
    /** An earlier writer of this run writes to the same directory (its files must exist before these are named). */
    sharesDirectory = false,
  ) {
    this.provider = exportObjectsProvider(req.protocol)!;
    this.atEnd = sharesDirectory || this.provider.growsUntilEnd === true;
    // Objects are complete once; a revisit of the same frame must not add them twice.
    this.stop = session.addTap(this.provider.tap, (pinfo: PacketInfo, obj: unknown) => {
      if (!pinfo.visited) this.add(obj as ExportedObject);
    });
  }

  private add(obj: ExportedObject): void {
    this.count++;
    if (this.atEnd) this.heldToEnd.push(obj);
    else this.write(obj);
  }

  private write(obj: ExportedObject): void {
    const dir = this.directory();
    if (dir === null) return;
    const suggested = this.provider.fileName ? this.provider.fileName(obj) : obj.filename;
    const name = suggested ? suggested : `object${obj.frame}${obj.contentType ? '.' + obj.contentType : ''}`;
    this.files.write(dir.claim(name), obj.payload);
  }

  /** The destination, created on first use; null once creating it failed (reported by finish). */
  private directory(): ExportDirectory | null {
    if (this.dir !== null || this.failure !== null) return this.dir;
    try {
      mkdirSync(this.req.dir, { recursive: true });
    } catch (e) {
      this.failure = new UsageError(`Failed to create export objects output directory "${this.req.dir}": ${(e as Error).message}`);
      return null;
    }
    this.dir = new ExportDirectory(this.req.dir);
    return this.dir;
  }

  /** Between batches of frames: wait while the disk is far behind. */
  async keepUp(): Promise<void> {
    if (this.files.backlog > MAX_QUEUED_FILES) await this.files.drain(MAX_QUEUED_FILES / 2);
  }

  /** Stop collecting and wait for every file (the directory is made even when no object was found); returns how many objects there were. */
  async finish(): Promise<number> {
    this.stop();
    this.directory();
    for (const obj of this.heldToEnd) this.write(obj);
    await this.files.settled();
    if (this.failure) throw this.failure;
    return this.count;
  }
}
