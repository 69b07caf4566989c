import { loadCap, type CapAddress, type CapModule } from './cap-binding.js';
import { LiveCaptureError } from './live-capture-error.js';
import { pcapMessage } from './open-failure.js';

export interface LiveInterfaceAddress {
  family: 'IPv4' | 'IPv6';
  address: string;
  netmask?: string;
  broadcast?: string;
  /** The other end of a point-to-point link. */
  destination?: string;
}

/** A capture device as libpcap lists it. */
export interface LiveInterface {
  /** 1-based position in the list, the number `-D` prints and `-i` accepts. */
  index: number;
  name: string;
  /** libpcap's description (pseudo-devices only, e.g. "any"); tshark does not print it on Linux. */
  description: string | null;
  /** What tshark prints in parentheses after the name: "Loopback" for loopback devices. */
  friendlyName: string | null;
  loopback: boolean;
  addresses: LiveInterfaceAddress[];
}

function toAddress(a: CapAddress): LiveInterfaceAddress | null {
  if (!a.addr) return null;
  const out: LiveInterfaceAddress = { family: a.addr.includes(':') ? 'IPv6' : 'IPv4', address: a.addr };
  if (a.netmask) out.netmask = a.netmask;
  if (a.broadaddr) out.broadcast = a.broadaddr;
  if (a.dstaddr) out.destination = a.dstaddr;
  return out;
}

/** Devices in libpcap's order (the order of `tshark -D` without extcap interfaces). */
export function interfacesOf(cap: CapModule): LiveInterface[] {
  let devices;
  try {
    devices = cap.Cap.deviceList();
  } catch (err) {
    throw new LiveCaptureError('capture-failed', `cannot list the capture interfaces: ${pcapMessage(err)}`);
  }
  return devices.map((d, i) => {
    const loopback = d.flags === 'PCAP_IF_LOOPBACK';
    return {
      index: i + 1,
      name: d.name,
      description: d.description ?? null,
      friendlyName: loopback ? 'Loopback' : null,
      loopback,
      addresses: d.addresses.map(toAddress).filter((a): a is LiveInterfaceAddress => a !== null),
    };
  });
}

/** The capture devices; throws LiveCaptureError when cap is unavailable. */
export async function listInterfaces(): Promise<LiveInterface[]> {
  return interfacesOf(await loadCap());
}

/** A device by name, or by its `-D` number as tshark's `-i 2` does (a name wins). */
export function findInterface(list: readonly LiveInterface[], spec: string): LiveInterface | undefined {
  return list.find((i) => i.name === spec) ?? (/^[1-9]\d*$/.test(spec) ? list[Number(spec) - 1] : undefined);
}

/** One line of `tshark -D`: "3. lo (Loopback)". */
export function interfaceListLine(i: LiveInterface): string {
  return `${i.index}. ${i.name}${i.friendlyName ? ` (${i.friendlyName})` : ''}`;
}

/** How tshark names the interface in "Capturing on '...'": "Loopback: lo", "eth0". */
export function interfaceDisplayName(i: LiveInterface): string {
  return i.friendlyName ? `${i.friendlyName}: ${i.name}` : i.name;
}
