import { CaptureReader } from '@netdissect/core';
import { runCapture } from './capture-pipeline.js';
import type { CliOptions } from './cli-options.js';
import type { OutputStream } from './output/output-stream.js';

/** Read a capture file (or stdin with -r -) through the pipeline. */
export async function runFile(o: CliOptions, out: OutputStream): Promise<void> {
  const reader = await CaptureReader.open(o.readFile === '-' ? process.stdin : o.readFile!);
  try {
    await runCapture(reader, o, out);
  } finally {
    // Also when an option is refused before the first frame (an unknown -e field, a bad -Y, an unwritable -w file).
    await reader.close();
  }
}
