import { interfaceDisplayName, LiveCaptureError, openLiveCapture } from '@netdissect/live';
import type { CliOptions } from '../cli-options.js';
import { liveCaptureOptions } from '../live/live-capture-options.js';
import { UsageError } from '../usage-error.js';
import type { CaptureModel } from './capture-model.js';
import { openPacketSource } from './open-capture.js';
import { sessionOptions } from './session-options.js';

/**
 * Browse a live capture on an interface (-i, with -f, -s, -p, -B, -c as
 * the printing path reads them). Capture problems (no permission, no such
 * interface, libpcap missing) are one-line usage errors.
 */
export async function openInterface(o: CliOptions): Promise<CaptureModel> {
  const capture = await openLiveCapture(liveCaptureOptions(o)).catch((err: unknown) => {
    throw err instanceof LiveCaptureError ? new UsageError(err.message) : err;
  });
  return openPacketSource(capture, interfaceDisplayName(capture.iface), sessionOptions(o), capture.warnings.join('; '));
}
