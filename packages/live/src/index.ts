/**
 * @netdissect/live: packets from a network interface through libpcap (the
 * optional `cap` binding), as a PacketSource for the same pipeline as
 * capture files.
 */
export {
  openLiveCapture,
  type LiveCapture,
  type LiveCaptureOptions,
  type LiveCaptureStats,
  MAX_SNAPLEN,
  DEFAULT_BUFFER_BYTES,
  DEFAULT_QUEUE_LIMITS,
} from './live-capture.js';
export {
  listInterfaces,
  findInterface,
  interfaceListLine,
  interfaceDisplayName,
  type LiveInterface,
  type LiveInterfaceAddress,
} from './interface-list.js';
export { LiveCaptureError, type LiveCaptureErrorKind } from './live-capture-error.js';
export type { PacketQueueLimits } from './packet-queue.js';
