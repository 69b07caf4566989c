import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PcapWriter } from '@netdissect/core';
import { corpusPath } from '../../support/paths.js';
import { readAllPackets } from '../../support/resegment-tcp.js';

/** Terminal control sequences a hostile payload might carry: clear screen, retitle, bell, C1 CSI, cursor home. */
export const HOSTILE = '\x1b[2J\x1b]0;pwned\x07\x9b2J\x1b[H';

function replaceOnce(bytes: Uint8Array, find: string, by: string): void {
  const hay = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const at = hay.indexOf(Buffer.from(find, 'latin1'));
  if (at < 0) throw new Error(`"${find}" not in the frame`);
  if (by.length !== find.length) throw new Error('a same-length replacement keeps every length field right');
  hay.write(by, at, 'latin1');
}

const written: string[] = [];

/** Deletes every capture writeHostileCapture wrote (a test file's afterAll). */
export function removeHostileCaptures(): void {
  for (const dir of written.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * http/get.pcap with escape sequences written over its text: into the
 * request URI (frame 4) and the response body (frame 9). Lengths do not
 * change, so the capture stays well-formed; checksums are not verified.
 */
export async function writeHostileCapture(): Promise<string> {
  const packets = await readAllPackets(corpusPath('http/get.pcap'));
  replaceOnce(packets[3]!.bytes, 'download/CHANGES.bro-aux.txt', `d${HOSTILE}`.padEnd(28, 'x'));
  replaceOnce(packets[8]!.bytes, ' when necessary (e.g.', ` ${HOSTILE}`.padEnd(21, 'x'));
  const dir = mkdtempSync(join(tmpdir(), 'netdissect-tui-'));
  written.push(dir);
  const path = join(dir, 'hostile.pcap');
  const w = await PcapWriter.open(path, { linktype: packets[0]!.linktype });
  for (const p of packets) await w.write(p);
  await w.close();
  return path;
}
