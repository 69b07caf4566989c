import type { LiveCaptureOptions } from '@netdissect/live';
import type { CliOptions } from '../cli-options.js';

const MIB = 1024 * 1024;

/**
 * The capture settings of a command line: -i, -f, -s, -p, -B (MiB, as
 * tshark), -c and -a packets:N (whichever stops first), and the queue bound
 * from --limit liveQueuePackets=N / liveQueueBytes=N. With -Y, -c counts
 * frames shown, so it cannot stop the capture itself.
 */
export function liveCaptureOptions(o: CliOptions): LiveCaptureOptions {
  const count = o.displayFilter ? null : o.count;
  const limits = [count, o.autostop.packets].filter((n): n is number => typeof n === 'number' && n > 0);
  const queuePackets = o.limits['liveQueuePackets'];
  const queueBytes = o.limits['liveQueueBytes'];
  return {
    interface: o.interface!,
    filter: o.captureFilter ?? '',
    snaplen: o.snaplen ?? undefined,
    bufferBytes: o.bufferSizeMiB ? o.bufferSizeMiB * MIB : undefined,
    promiscuous: o.promiscuous,
    packetLimit: limits.length ? Math.min(...limits) : undefined,
    queueLimits: {
      ...(queuePackets ? { packets: queuePackets } : {}),
      ...(queueBytes ? { bytes: queueBytes } : {}),
    },
  };
}
