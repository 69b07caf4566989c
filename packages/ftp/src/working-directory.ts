import { decodeUtf8UpToNul } from '@netdissect/core';

/**
 * The current working directory of a control connection. Data
 * connections keep the object that was current when they were announced;
 * like packet-ftp.c's shared string buffer, it is changed in place only
 * when a relative CWD succeeds while the directory is still unknown, and
 * replaced by a new object otherwise.
 */
export class WorkingDirectory {
  constructor(public path: string) {}
}

/** "a/b" joined onto "/x/y" with "." and ".." resolved (add_directory_to_conv). */
function joinAndNormalise(current: string, relative: string): string {
  const appended = current.endsWith('/') ? current + relative : `${current}/${relative}`;
  const absolute = current.startsWith('/');
  let out = absolute ? '/' : '';
  for (const folder of appended.slice(absolute ? 1 : 0).split('/')) {
    if (folder === '' || folder === '.') continue;
    if (folder === '..') {
      // Back to the last separator, then drop it unless it is the root.
      out = out.slice(0, out.lastIndexOf('/') + 1);
      if (out.length > 1 && out.endsWith('/')) out = out.slice(0, -1);
    } else {
      if (out.length > 0 && !out.endsWith('/')) out += '/';
      out += folder;
    }
  }
  return out;
}

/** The directory after a successful CWD to `path` (or CDUP, as ".."). */
export function changeDirectory(cwd: WorkingDirectory, path: string): WorkingDirectory {
  if (path.startsWith('/')) return new WorkingDirectory(path);
  if (cwd.path === '') {
    cwd.path = path;
    return cwd;
  }
  return new WorkingDirectory(joinAndNormalise(cwd.path, path));
}

/**
 * The directory in a 257 reply's text ('"/pub" is current directory';
 * a doubled quote stands for one), or null when it is not quoted.
 */
export function parsePwdReply(text: Uint8Array): string | null {
  const len = text.length;
  if (len < 2 || text[0] !== 0x22) return null;
  const out: number[] = [];
  let started = false;
  let i = 0;
  for (; i < len && text[i] !== 0x0d && text[i] !== 0x0a; i++) {
    if (text[i] === 0x22) {
      if (i + 1 < len && text[i + 1] === 0x22) {
        out.push(0x22);
        i++;
      } else {
        if (started) break;
        started = true;
      }
    } else {
      out.push(text[i]!);
    }
  }
  if (i >= len || text[i] !== 0x22) return null;
  return decodeUtf8UpToNul(Uint8Array.from(out));
}
