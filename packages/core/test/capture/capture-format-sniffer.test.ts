// The format is decided by the magic number only.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sniffCaptureFormat } from '../../src/capture/capture-format-sniffer.js';
import { capturePath, loadExpected } from './corpus.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('sniffCaptureFormat', () => {
  it('recognises both pcap magics in both byte orders', () => {
    expect(sniffCaptureFormat(bytes(0xa1, 0xb2, 0xc3, 0xd4))).toEqual({ format: 'pcap', littleEndian: false, nanosecond: false });
    expect(sniffCaptureFormat(bytes(0xd4, 0xc3, 0xb2, 0xa1))).toEqual({ format: 'pcap', littleEndian: true, nanosecond: false });
    expect(sniffCaptureFormat(bytes(0xa1, 0xb2, 0x3c, 0x4d))).toEqual({ format: 'pcap', littleEndian: false, nanosecond: true });
    expect(sniffCaptureFormat(bytes(0x4d, 0x3c, 0xb2, 0xa1))).toEqual({ format: 'pcap', littleEndian: true, nanosecond: true });
  });

  it('recognises pcapng by the SHB type and its byte-order magic', () => {
    const shb = (bom: number[]) => bytes(0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0x1c, ...bom);
    expect(sniffCaptureFormat(shb([0x4d, 0x3c, 0x2b, 0x1a]))).toEqual({ format: 'pcapng', littleEndian: true });
    expect(sniffCaptureFormat(shb([0x1a, 0x2b, 0x3c, 0x4d]))).toEqual({ format: 'pcapng', littleEndian: false });
    expect(sniffCaptureFormat(shb([1, 2, 3, 4]))).toBeUndefined();
    expect(sniffCaptureFormat(bytes(0x0a, 0x0d, 0x0d, 0x0a))).toBeUndefined(); // too short to tell
  });

  it('takes the modified pcap magic for pcap and rejects everything else', () => {
    expect(sniffCaptureFormat(bytes(0x34, 0xcd, 0xb2, 0xa1))).toEqual({ format: 'pcap', littleEndian: true, nanosecond: false });
    expect(sniffCaptureFormat(bytes(0xa1, 0xb2, 0xcd, 0x34))).toEqual({ format: 'pcap', littleEndian: false, nanosecond: false });
    expect(sniffCaptureFormat(bytes(0x1f, 0x8b, 0x08, 0x00))).toBeUndefined(); // gzip
    expect(sniffCaptureFormat(bytes(0xd4, 0xc3))).toBeUndefined();
    expect(sniffCaptureFormat(new Uint8Array(0))).toBeUndefined();
  });

  it('ignores file names: the corpus .pcap files that are pcapng are found by their magic', () => {
    const disguised = loadExpected()
      .map((e) => e.capture)
      .filter((c) => c.endsWith('.pcap') && sniffCaptureFormat(readFileSync(capturePath(c)).subarray(0, 12))?.format === 'pcapng');
    expect(disguised.sort()).toEqual(['ip/ipv6_options.pcap', 'pop3/ndpi-pop3.pcap']);
  });
});
