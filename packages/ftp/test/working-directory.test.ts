import { describe, expect, it } from 'vitest';
import { changeDirectory, parsePwdReply, WorkingDirectory } from '../src/working-directory.js';

const bytes = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));

describe('working directory', () => {
  it('resolves relative CWDs with "." and ".."', () => {
    expect(changeDirectory(new WorkingDirectory('/pub'), '../x/./y').path).toBe('/x/y');
    expect(changeDirectory(new WorkingDirectory('/pub/'), 'a').path).toBe('/pub/a');
    expect(changeDirectory(new WorkingDirectory('/'), '..').path).toBe('/');
    expect(changeDirectory(new WorkingDirectory('a/b'), '../..').path).toBe('');
  });

  it('adopts absolute paths as they are', () => {
    expect(changeDirectory(new WorkingDirectory('/pub'), '/backup/').path).toBe('/backup/');
  });

  it('changes an unknown directory in place, so data connections announced before see it', () => {
    const cwd = new WorkingDirectory('');
    const next = changeDirectory(cwd, 'pub');
    expect(next).toBe(cwd);
    expect(cwd.path).toBe('pub');
    expect(changeDirectory(next, 'sub')).not.toBe(cwd);
  });

  it('reads the quoted directory of a 257 reply', () => {
    expect(parsePwdReply(bytes('"/" is current directory.'))).toBe('/');
    expect(parsePwdReply(bytes('"/a ""b"""'))).toBe('/a "b"');
    expect(parsePwdReply(bytes('no quotes'))).toBeNull();
    expect(parsePwdReply(bytes('"/unterminated'))).toBeNull();
  });
});
