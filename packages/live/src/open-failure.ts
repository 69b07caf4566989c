import { LiveCaptureError } from './live-capture-error.js';

/** The text of an error that cap's open() threw (libpcap's pcap_geterr or errbuf). */
export function pcapMessage(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();
}

const PERMISSION = /Operation not permitted|Permission denied|CAP_NET_RAW|not have permission/i;
const NO_SUCH_DEVICE = /No such device/i;

/**
 * Turn a failed open() of a device into a LiveCaptureError. `filterWasTheCause`
 * is known only after re-opening without the filter (see live-capture.ts),
 * because libpcap's compile errors ("syntax error", "unknown port 'x'") have
 * no common shape.
 */
export function openFailure(device: string, filter: string, message: string, filterWasTheCause: boolean): LiveCaptureError {
  if (filterWasTheCause) {
    return new LiveCaptureError('bad-filter', `invalid capture filter "${filter}" for interface "${device}": ${message} (syntax: man pcap-filter)`);
  }
  if (PERMISSION.test(message)) {
    return new LiveCaptureError(
      'permission-denied',
      `you do not have permission to capture on "${device}" (${message}): run netdissect as root, ` +
        `or give node the capabilities CAP_NET_RAW and CAP_NET_ADMIN (setcap cap_net_raw,cap_net_admin=eip "$(readlink -f "$(command -v node)")")`,
    );
  }
  if (NO_SUCH_DEVICE.test(message)) return noSuchInterface(device);
  return new LiveCaptureError('capture-failed', `cannot capture on "${device}": ${message}`);
}

/** Whether an open() failure is about the device itself, so a filter cannot be to blame. */
export function isDeviceFailure(message: string): boolean {
  return PERMISSION.test(message) || NO_SUCH_DEVICE.test(message);
}

export function noSuchInterface(spec: string): LiveCaptureError {
  return new LiveCaptureError('no-such-interface', `there is no interface named "${spec}" (netdissect -D lists the interfaces)`);
}
