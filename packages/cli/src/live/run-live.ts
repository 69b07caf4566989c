import {
  interfaceDisplayName,
  interfaceListLine,
  LiveCaptureError,
  listInterfaces as liveInterfaces,
  openLiveCapture,
  type LiveCapture,
} from '@netdissect/live';
import { runCapture } from '../capture-pipeline.js';
import type { CliOptions } from '../cli-options.js';
import type { OutputStream, TextSink } from '../output/output-stream.js';
import { UsageError } from '../usage-error.js';
import { captureSummary } from './capture-summary.js';
import { CaptureStopTriggers } from './capture-stop-triggers.js';
import { liveCaptureOptions } from './live-capture-options.js';
import { pacedSource } from './paced-source.js';

/** Live-capture failures are one line for the user, like usage errors. */
function oneLine(err: unknown): never {
  throw err instanceof LiveCaptureError ? new UsageError(err.message) : err;
}

/** -D: the capture interfaces, numbered as tshark -D prints them. */
export async function listInterfaces(out: OutputStream): Promise<void> {
  const list = await liveInterfaces().catch(oneLine);
  for (const i of list) out.line(interfaceListLine(i));
}

/**
 * -i: capture from an interface through the same pipeline as files. stderr
 * gets "Capturing on '...'" once the pipeline is ready (the moment packets
 * start flowing to the output) and the tshark-style summary at the end,
 * whether the capture ended by -c, -a, Ctrl-C or a closed output.
 */
export async function runLive(o: CliOptions, out: OutputStream, stderr: TextSink = process.stderr): Promise<void> {
  const capture: LiveCapture = await openLiveCapture(liveCaptureOptions(o)).catch(oneLine);
  // `netdissect -i eth0 2>&1 | head` closes stderr too: the summary then has nowhere to go, which is no error.
  stderr.on?.('error', () => {});
  for (const w of capture.warnings) stderr.write(`netdissect: ${w}\n`);
  const triggers = new CaptureStopTriggers(() => capture.stop());
  let started = false;
  const source = pacedSource(capture, {
    onStart: () => {
      started = true;
      stderr.write(`Capturing on '${interfaceDisplayName(capture.iface)}'\n`);
      triggers.armDuration(o.autostop.duration);
    },
    afterBatch: () => out.flush(),
  });
  try {
    await runCapture(source, o, out, { countDisplayed: true });
  } finally {
    triggers.dispose();
    await capture.close();
    await out.end();
    if (started) stderr.write(captureSummary(capture.stats(), capture.iface.name));
  }
}
