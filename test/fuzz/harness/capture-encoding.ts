/** Frames to capture-file bytes in memory, through the core's own pcap and pcapng writers. */
import { Writable } from 'node:stream';
import { PcapngWriter, PcapWriter, type RawPacket } from '@netdissect/core';

export type CaptureFormat = 'pcap' | 'pcapng';

export async function encodeCapture(packets: readonly RawPacket[], format: CaptureFormat): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  const opts = { bufferSize: 64 * 1024 };
  const writer = format === 'pcap'
    ? await PcapWriter.open(sink, { ...opts, linktype: packets[0]?.linktype ?? 1, nanosecond: packets.some((p) => p.tsPrecision > 6) })
    : await PcapngWriter.open(sink, { ...opts, interfaces: 'interface' });
  await writer.writeBatch(format === 'pcap' ? packets.filter((p) => p.linktype === packets[0]!.linktype) : packets);
  await writer.close();
  return new Uint8Array(Buffer.concat(chunks));
}
