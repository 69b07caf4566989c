import type { CaptureInterface, PacketSource, RawPacket } from '@netdissect/core';
import { loadCap, retainFailedCap, type CapHandle, type CapModule } from './cap-binding.js';
import { CaptureClock } from './capture-clock.js';
import { InterfaceDropCounter } from './interface-drops.js';
import { findInterface, interfacesOf, type LiveInterface } from './interface-list.js';
import { linktypeFromCap } from './link-type.js';
import { isDeviceFailure, noSuchInterface, openFailure, pcapMessage } from './open-failure.js';
import { PacketQueue, type PacketQueueLimits } from './packet-queue.js';

/** cap always sets libpcap's snapshot length to 65535 bytes. */
export const MAX_SNAPLEN = 65535;
/**
 * Kernel capture buffer. cap turns on immediate mode, where libpcap uses
 * TPACKET_V2 ring frames sized for 64 KiB packets on interfaces with
 * offloading (most, veth included): dumpcap's 2 MiB would hold 32 packets.
 * 32 MiB holds about 500, whatever their size.
 */
export const DEFAULT_BUFFER_BYTES = 32 * 1024 * 1024;
export const DEFAULT_QUEUE_LIMITS: Readonly<PacketQueueLimits> = { packets: 100_000, bytes: 64 * 1024 * 1024 };
/** Packets per batch; between batches the event loop moves packets from the kernel into the queue. */
const MAX_BATCH = 64;

export interface LiveCaptureOptions {
  /** A device name from listInterfaces(), "any", or its 1-based `-D` number. */
  interface: string;
  /** Capture (BPF) filter in libpcap syntax; empty captures everything. */
  filter?: string;
  /** Bytes kept of each packet; 0 or more than 65535 means 65535 (cap's fixed snapshot length). */
  snaplen?: number;
  /** Kernel capture buffer in bytes (libpcap's buffer size, tshark's -B in MiB); default 32 MiB. */
  bufferBytes?: number;
  /** False asks for no promiscuous mode, which cap cannot do: the capture then carries a warning. */
  promiscuous?: boolean;
  /** Stop capturing once this many packets were accepted (-c, -a packets:N). */
  packetLimit?: number;
  /** Bounds of the queue between libpcap and the consumer. */
  queueLimits?: Partial<PacketQueueLimits>;
}

export interface LiveCaptureStats {
  /** Packets libpcap handed to netdissect (delivered, queued or dropped). */
  captured: number;
  /** Packets given to the consumer through batches(). */
  delivered: number;
  /** Packets waiting in the queue. */
  queued: number;
  /** Packets discarded because the queue was full: the consumer fell behind the wire. */
  droppedByNetdissect: number;
  /** Packets the kernel dropped because its buffer was full: null, cap has no binding for pcap_stats(). */
  droppedByKernel: number | null;
  /** Packets the interface dropped during the capture (Linux rx_dropped); null where unknown. */
  ifDropped: number | null;
}

type CaptureState = 'capturing' | 'stopped' | 'closed';

/**
 * A running capture on one interface, delivering RawPackets through the
 * same PacketSource interface as capture files. Packets are copied out of
 * cap's single reused buffer, stamped (see CaptureClock: cap gives no
 * libpcap timestamp) and queued; batches() hands them out in order.
 * stop() ends the capture and lets the queue drain; close() discards it.
 */
export class LiveCapture implements PacketSource {
  readonly warnings: readonly string[];
  private state: CaptureState = 'capturing';
  private readonly queue: PacketQueue;
  private readonly clock = new CaptureClock();
  private readonly ifDrops: InterfaceDropCounter;
  private ifDroppedAtStop: number | null = null;
  private readonly packetLimit: number;
  /** What dumpcap's pcapng interface block tells tshark: -V shows "on interface eth0, id 0". */
  private readonly captureInterface: CaptureInterface;
  private captured = 0;
  private accepted = 0;
  private delivered = 0;
  private iterated = false;
  private waiter: (() => void) | null = null;

  constructor(
    private readonly handle: CapHandle,
    private readonly buffer: Buffer,
    readonly iface: LiveInterface,
    readonly linktype: number,
    readonly snaplen: number,
    readonly filter: string,
    options: LiveCaptureOptions,
  ) {
    this.queue = new PacketQueue({ ...DEFAULT_QUEUE_LIMITS, ...options.queueLimits });
    this.packetLimit = options.packetLimit ?? Infinity;
    this.ifDrops = new InterfaceDropCounter(iface.name);
    this.captureInterface = { section: 0, id: 0, index: 0, linktype, snaplen, unitsPerSecond: 1e9, tsPrecision: 9, tsOffset: 0, name: iface.name };
    this.warnings =
      options.promiscuous === false ? ['cap cannot turn promiscuous mode off (-p): the interface is captured in promiscuous mode'] : [];
    handle.on('packet', this.onPacket);
  }

  private readonly onPacket = (nbytes: number): void => {
    if (this.state !== 'capturing') return;
    this.captured++;
    if (this.queue.admit(nbytes)) {
      this.clock.stamp();
      // cap overwrites its buffer with the next packet: keep a copy.
      const bytes = Buffer.allocUnsafe(nbytes);
      this.buffer.copy(bytes, 0, 0, nbytes);
      this.queue.push({
        no: ++this.accepted,
        tsSec: this.clock.sec,
        tsNsec: this.clock.nsec,
        tsPrecision: 9,
        caplen: nbytes,
        // cap reports only the captured length; the length on the wire is not known.
        len: nbytes,
        linktype: this.linktype,
        interfaceId: 0,
        iface: this.captureInterface,
        bytes,
        dataOffset: -1,
      });
      if (this.accepted >= this.packetLimit) this.stop();
    }
    this.wakeConsumer();
  };

  /** The packets, in capture order, until the capture stops and the queue is empty. Iterate once. */
  async *batches(): AsyncGenerator<RawPacket[]> {
    if (this.iterated) throw new Error('a LiveCapture delivers its packets to one consumer only');
    this.iterated = true;
    try {
      for (;;) {
        if (this.queue.length > 0) {
          const batch = this.queue.take(MAX_BATCH);
          this.delivered += batch.length;
          yield batch;
          // Let cap's poll callback run before the next batch, so packets move from the
          // kernel buffer into the bounded queue, where drops are counted, while we dissect.
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        if (this.state !== 'capturing') return;
        await new Promise<void>((resolve) => (this.waiter = resolve));
      }
    } finally {
      this.stop();
    }
  }

  /** Stop capturing; packets already queued are still delivered. */
  stop(): void {
    if (this.state !== 'capturing') return;
    this.state = 'stopped';
    this.ifDroppedAtStop = this.ifDrops.current();
    // Safe inside a packet event too: cap closes the pcap handle after its dispatch loop.
    this.handle.close();
    this.wakeConsumer();
  }

  /** Stop capturing and discard what is still queued. */
  async close(): Promise<void> {
    this.stop();
    this.state = 'closed';
    this.queue.clear();
    this.wakeConsumer();
  }

  get capturing(): boolean {
    return this.state === 'capturing';
  }

  stats(): LiveCaptureStats {
    return {
      captured: this.captured,
      delivered: this.delivered,
      queued: this.queue.length,
      droppedByNetdissect: this.queue.dropped,
      droppedByKernel: null,
      ifDropped: this.state === 'capturing' ? this.ifDrops.current() : this.ifDroppedAtStop,
    };
  }

  private wakeConsumer(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}

/**
 * Start capturing on an interface. Rejects with a LiveCaptureError (one
 * line, with the remedy) when cap is unavailable, the interface does not
 * exist, permission is missing, or the filter is invalid.
 */
export async function openLiveCapture(options: LiveCaptureOptions): Promise<LiveCapture> {
  const cap = await loadCap();
  const iface = findInterface(interfacesOf(cap), options.interface);
  // Checked before open(): cap would also print a libpcap warning for a missing device.
  if (!iface) throw noSuchInterface(options.interface);
  const snaplen = options.snaplen && options.snaplen > 0 ? Math.min(Math.floor(options.snaplen), MAX_SNAPLEN) : MAX_SNAPLEN;
  const bufferBytes = Math.min(Math.max(Math.floor(options.bufferBytes ?? DEFAULT_BUFFER_BYTES), 1), 0xffff_ffff);
  const filter = options.filter ?? '';
  // cap copies at most buffer.length bytes of each packet: a smaller buffer is the snapshot length.
  const buffer = Buffer.alloc(snaplen);
  const handle = new cap.Cap();
  let result: string;
  try {
    result = handle.open(iface.name, filter, bufferBytes, buffer);
  } catch (err) {
    retainFailedCap(handle);
    const message = pcapMessage(err);
    const filterWasTheCause = filter !== '' && !isDeviceFailure(message) && opensWithoutFilter(cap, iface.name);
    throw openFailure(iface.name, filter, message, filterWasTheCause);
  }
  let linktype: number;
  try {
    linktype = linktypeFromCap(iface.name, result);
  } catch (err) {
    handle.close();
    throw err;
  }
  return new LiveCapture(handle, buffer, iface, linktype, snaplen, filter, options);
}

/** libpcap compiles the filter after activating the device: tell which of the two failed. */
function opensWithoutFilter(cap: CapModule, device: string): boolean {
  const probe = new cap.Cap();
  try {
    probe.open(device, '', 1 << 20, Buffer.alloc(MAX_SNAPLEN));
  } catch {
    retainFailedCap(probe);
    return false;
  }
  probe.close();
  return true;
}
