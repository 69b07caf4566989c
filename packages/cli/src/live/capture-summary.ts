import type { LiveCaptureStats } from '@netdissect/live';

const packets = (n: number): string => `${n} packet${n === 1 ? '' : 's'}`;

/**
 * The lines printed on stderr when a live capture ends, worded as tshark's
 * ("3 packets captured", "N packets dropped from eth0"), plus the drops
 * that are netdissect's own. Kernel drops are not known through cap.
 */
export function captureSummary(stats: LiveCaptureStats, device: string): string {
  const lines = [`${packets(stats.delivered)} captured`];
  if (stats.droppedByNetdissect > 0) {
    lines.push(`${packets(stats.droppedByNetdissect)} dropped from ${device} by netdissect (dissection fell behind and its queue was full)`);
  }
  if (stats.droppedByKernel) lines.push(`${packets(stats.droppedByKernel)} dropped from ${device} by the kernel`);
  if (stats.ifDropped) lines.push(`${packets(stats.ifDropped)} dropped by the interface ${device}`);
  return lines.map((l) => l + '\n').join('');
}
