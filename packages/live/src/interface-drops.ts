import { readFileSync } from 'node:fs';

/**
 * Packets the interface itself dropped during the capture, from Linux's
 * rx_dropped counter, as libpcap computes ps_ifdrop. Unknown (null) for the
 * "any" pseudo-device, pseudo-devices without statistics, and other systems.
 */
export class InterfaceDropCounter {
  private readonly path: string;
  private readonly start: number | null;

  constructor(device: string) {
    this.path = `/sys/class/net/${device}/statistics/rx_dropped`;
    this.start = device === 'any' || device.includes('/') ? null : this.read();
  }

  /** Drops since the counter was created. */
  current(): number | null {
    if (this.start === null) return null;
    const now = this.read();
    return now === null ? null : Math.max(0, now - this.start);
  }

  private read(): number | null {
    try {
      const n = Number(readFileSync(this.path, 'utf8').trim());
      return Number.isFinite(n) ? n : null;
    } catch {
      return null;
    }
  }
}
