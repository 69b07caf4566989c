import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Longest file name tshark writes (bytes). */
export const MAX_EXPORT_NAME = 255;
/** How many "(n)" variants tshark tries before overwriting (gui.max_export_objects). */
const MAX_DUPLICATES = 1000;

const REJECT = /[<>:"/\\|?*\x01-\x1f]/g;

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function truncateUtf8(s: string, bytes: number): string {
  const b = Buffer.from(s, 'utf8');
  return b.length <= bytes ? s : b.subarray(0, Math.max(0, bytes)).toString('utf8');
}

/** Add "(n)" before the extension and keep the name within `max` bytes, as tshark's eo_rename. */
function rename(name: string, max: number, dup: number): string {
  const tag = dup !== 0 ? `(${dup})` : '';
  const dot = name.lastIndexOf('.');
  if (dot >= 0 && utf8Length(name.slice(dot)) + tag.length < max) {
    const ext = name.slice(dot);
    let stem = name.slice(0, dot);
    const room = max - (tag.length + utf8Length(ext));
    if (utf8Length(stem) >= room) stem = truncateUtf8(stem, room);
    return stem + tag + ext;
  }
  let stem = name;
  if (utf8Length(stem) >= max - tag.length) stem = truncateUtf8(stem, max - tag.length);
  return stem + tag;
}

/**
 * A safe file name for an exported object (tshark's eo_massage_str):
 * characters Windows rejects and control characters become %xx, long
 * names are cut keeping the extension, duplicates get "(n)".
 */
export function safeExportName(name: string, dup: number, max = MAX_EXPORT_NAME): string {
  const massaged = name.replace(REJECT, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return dup !== 0 || utf8Length(massaged) > max ? rename(massaged, max, dup) : massaged;
}

/**
 * An export directory's names: those there when the export starts, and
 * those written since. tshark asks the file system about each variant; one
 * listing is the same answer without a system call per object.
 */
export class ExportDirectory {
  private readonly taken: Set<string>;
  /**
   * Per name, the first "(n)" variant that may still be free. Names are only
   * ever taken, so the search for a name's next free variant starts where
   * the last one ended: the 700th "index.html" tries one variant, not 700.
   */
  private readonly firstFree = new Map<string, number>();

  constructor(readonly dir: string) {
    this.taken = new Set(readdirSync(dir));
  }

  /** The path tshark would write: the first variant not taken yet (or the last tried), taken from then on. */
  claim(name: string): string {
    let dup = this.firstFree.get(name) ?? 0;
    let file = safeExportName(name, dup);
    while (this.taken.has(file) && dup + 1 < MAX_DUPLICATES) file = safeExportName(name, ++dup);
    this.taken.add(file);
    // Past the last variant tshark overwrites that one, every time.
    this.firstFree.set(name, Math.min(dup + 1, MAX_DUPLICATES - 1));
    return join(this.dir, file);
  }
}
