import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CaptureReader, DissectionSession, dissectCapture, followTcp, type FollowRecord } from '@netdissect/core';
import { runCli } from '../../../src/cli.js';
import '../../../src/protocols.js';

/** The shared corpus next to the repository (../shared/captures). */
const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..', '..', 'shared', 'captures');

export function corpusAvailable(): boolean {
  return existsSync(corpus);
}

export function capture(rel: string): string {
  return join(corpus, rel);
}

/** Run netdissect in-process. */
export async function netdissect(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, { stdout: { write: (s: string) => void (stdout += s) }, stderr: { write: (s: string) => void (stderr += s) } });
  return { status, stdout, stderr };
}

/** The follow records of one TCP stream of a corpus capture, and its server port. */
export async function tcpStream(rel: string, stream: number): Promise<{ records: readonly FollowRecord[]; serverPort: number }> {
  const session = new DissectionSession({ prefs: { 'tcp.reassemble_out_of_order': true } });
  const followers = followTcp(session, stream);
  const reader = await CaptureReader.open(capture(rel));
  try {
    await dissectCapture(reader, session, { tree: null }, () => true);
  } finally {
    await reader.close();
  }
  const f = followers.get(stream);
  if (!f?.endpoints) throw new Error(`no tcp stream ${stream} in ${rel}`);
  return { records: f.records, serverPort: f.endpoints.serverPort };
}
