import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { CaptureReader, type PacketSource, type SessionOptions } from '@netdissect/core';
import { CaptureModel } from './capture-model.js';
import { FileFrameBytes } from './file-frame-bytes.js';
import { LiveFrameStore } from './live-frame-store.js';

/** Frame bytes kept in memory for a live or piped capture. */
export const LIVE_STORE_BYTES = 256 * 2 ** 20;

/**
 * Open a capture file, or "-" for standard input (a pipe from tcpdump -w -
 * behaves like a live capture: frames are copied into a bounded store
 * since they cannot be re-read). Throws CaptureFileError when the input is
 * not a readable capture.
 */
export async function openCaptureFile(path: string, session: SessionOptions): Promise<CaptureModel> {
  if (path === '-') return openPacketSource(await CaptureReader.open(process.stdin), '-', session);
  const reader = await CaptureReader.open(path);
  const st = statSync(path, { throwIfNoEntry: false });
  // A FIFO or device cannot be re-read by offset: treat it like a live capture.
  if (!st?.isFile()) return openPacketSource(reader, basename(path), session);
  return new CaptureModel({
    source: reader,
    sessionOptions: session,
    bytes: (index) => new FileFrameBytes(path, index),
    name: basename(path),
    live: false,
    inputSize: st.size,
  });
}

/** Browse any packet source that keeps delivering (a live interface, a pipe); `notice` is shown when the UI opens. */
export function openPacketSource(source: PacketSource, name: string, session: SessionOptions, notice = ''): CaptureModel {
  return new CaptureModel({
    notice,
    source,
    sessionOptions: session,
    bytes: (index) => new LiveFrameStore(index, LIVE_STORE_BYTES),
    name,
    live: true,
    inputSize: null,
  });
}
