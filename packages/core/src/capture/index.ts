/** The capture file layer: reading and writing pcap/pcapng, re-reading frames. */
export type { RawPacket } from './raw-packet.js';
export type { PacketSource } from './packet-source.js';
export { CaptureReader, type CaptureInput, type CaptureReaderOptions } from './capture-reader.js';
export {
  type CaptureInfo,
  type CaptureInterface,
  type CaptureSection,
  TS_PRECISION_PER_PACKET,
  TS_PRECISION_UNKNOWN,
} from './capture-info.js';
export { CaptureFileError, type CaptureFileErrorKind } from './capture-error.js';
export { CaptureWriteError } from './capture-write-error.js';
export { CaptureFile } from './capture-random-access.js';
export { sniffCaptureFormat, type CaptureFormat, type SniffedFormat } from './capture-format-sniffer.js';
export type { PcapVariant } from './pcap-variants.js';
export { PcapWriter, type PcapWriterOptions } from './pcap-writer.js';
export { PcapngWriter, type PcapngWriterOptions } from './pcapng-writer.js';
export type { CaptureOutput } from './byte-sink.js';
export * from './linktypes.js';
