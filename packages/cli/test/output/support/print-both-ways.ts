import { CaptureReader, DissectionSession, dissectCapture, type DissectedFrame, type RawPacket, type TreeContext } from '@netdissect/core';
import { OutputStream } from '../../../src/output/output-stream.js';
import { corpusPath } from '../../../../../test/support/paths.js';

export interface PrintedBothWays {
  /** The reference lines, each with its newline. */
  lines: string;
  /** What the printer wrote to a sink that is not a terminal (its byte path), as UTF-8. */
  bytes: string;
  /** The same bytes as they were written (values that kept bytes which are not UTF-8 are written as those). */
  rawBytes: Buffer;
  /** What the printer wrote to a terminal (escaped text). */
  terminal: string;
  frames: number;
}

/**
 * A printer that writes bytes when not on a terminal must print what its
 * text path does: runs a corpus capture through two printers made by
 * `printers`, one on a pipe-like sink and one on a terminal, and collects
 * both outputs with the reference line the returned function gives per frame.
 */
export async function printBothWays(
  rel: string,
  options: { columns?: boolean; tree?: TreeContext | null },
  printers: (toBytes: OutputStream, toTerminal: OutputStream) => (f: DissectedFrame, raw: RawPacket) => string,
): Promise<PrintedBothWays> {
  const bytesOut: Buffer[] = [];
  const terminalOut: string[] = [];
  const toBytes = new OutputStream({ write: (s) => void bytesOut.push(Buffer.from(s)), takesBytes: true });
  const toTerminal = new OutputStream({ write: (s) => void terminalOut.push(String(s)), isTTY: true });
  const printFrame = printers(toBytes, toTerminal);
  const lines: string[] = [];
  const session = new DissectionSession({ prefs: { 'tcp.reassemble_out_of_order': true }, columns: options.columns });
  const reader = await CaptureReader.open(corpusPath(rel));
  let frames = 0;
  try {
    await dissectCapture(reader, session, { tree: options.tree ?? null }, (f, raw) => {
      lines.push(printFrame(f, raw));
      frames++;
      return true;
    });
  } finally {
    await reader.close();
  }
  await toBytes.end();
  await toTerminal.end();
  const rawBytes = Buffer.concat(bytesOut);
  return { lines: lines.map((l) => l + '\n').join(''), bytes: rawBytes.toString('utf8'), rawBytes, terminal: terminalOut.join(''), frames };
}
