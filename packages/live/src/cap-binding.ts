/**
 * The `cap` binding (libpcap for Node, mscdex/cap 0.2.x) as live capture
 * uses it, and how it is loaded. cap is an optional dependency compiled by
 * node-gyp against libpcap's headers, so it may be absent or unbuilt; then
 * loading fails with a LiveCaptureError that says how to fix it.
 */
import { LiveCaptureError } from './live-capture-error.js';

/** One address of a device, as cap's deviceList() reports it (IPv4 and IPv6 only). */
export interface CapAddress {
  addr?: string;
  netmask?: string;
  broadaddr?: string;
  dstaddr?: string;
}

/** One entry of cap's deviceList() (pcap_findalldevs). */
export interface CapDevice {
  name: string;
  /** libpcap's description, only for pseudo-devices such as "any". */
  description?: string;
  addresses: CapAddress[];
  /** "PCAP_IF_LOOPBACK" for loopback devices; cap reports no other flag. */
  flags?: string;
}

/**
 * A Cap object. open() starts capturing at once and returns the link type
 * name; every packet is then emitted as ('packet', nbytes, truncated) after
 * being copied into the one Buffer given to open(), which the next packet
 * overwrites.
 */
export interface CapHandle {
  open(device: string, filter: string, bufferSize: number, buffer: Buffer): string;
  close(): boolean;
  on(event: 'packet', listener: (nbytes: number, truncated: boolean) => void): unknown;
}

export interface CapModule {
  Cap: {
    new (): CapHandle;
    deviceList(): CapDevice[];
  };
}

// Not a literal import: cap is optional, and a static import would make this
// whole package fail to load on machines without it.
const CAP_MODULE = 'cap';

/** Load cap, or throw a LiveCaptureError('cap-unavailable') naming the fix. */
export async function loadCap(): Promise<CapModule> {
  let loaded: { default?: CapModule } & Partial<CapModule>;
  try {
    loaded = (await import(CAP_MODULE)) as { default?: CapModule } & Partial<CapModule>;
  } catch (err) {
    throw capUnavailable(err);
  }
  const cap = loaded.default ?? (loaded as CapModule);
  if (typeof cap.Cap !== 'function') throw capUnavailable(new Error('the module loaded as "cap" has no Cap class'));
  return cap;
}

function capUnavailable(err: unknown): LiveCaptureError {
  const e = err as NodeJS.ErrnoException;
  const firstLine = (e instanceof Error ? e.message : String(err)).split('\n')[0]!.trim();
  const install = `install libpcap's development files (Debian/Ubuntu: apt-get install libpcap-dev; Fedora: dnf install libpcap-devel)`;
  // npm drops an optional dependency whose build failed, and "npm rebuild cap" then has nothing to rebuild.
  const [why, rebuild] =
    // import() says ERR_MODULE_NOT_FOUND; the CLI's script bundle loads cap with require(), which says MODULE_NOT_FOUND.
    (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') && /'cap'/.test(firstLine)
      ? ['is not installed (npm leaves it out when it cannot be built)', 'npm install']
      : /cap\.node/.test(firstLine)
        ? ['is installed but not built', 'npm rebuild cap']
        : [`could not be loaded (${firstLine})`, 'npm rebuild cap'];
  return new LiveCaptureError(
    'cap-unavailable',
    `live capture needs the optional native module "cap", which ${why}: ${install}, then run "${rebuild}" in netdissect's directory`,
  );
}

/**
 * Cap objects whose open() threw. cap has then created a pcap handle but not
 * the libuv poll handle, and its destructor stops that uninitialised poll
 * handle: garbage-collecting such an object aborts the process. Keeping them
 * reachable for the life of the process is the only safe way; a failed open
 * is rare (bad filter, missing permission), so the leak is small.
 */
const failedCaps: CapHandle[] = [];

export function retainFailedCap(cap: CapHandle): void {
  failedCaps.push(cap);
}
