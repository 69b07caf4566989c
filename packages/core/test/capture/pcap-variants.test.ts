import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureFileError } from '../../src/capture/capture-error.js';
import { CaptureReader } from '../../src/capture/capture-reader.js';
import { readAll } from './corpus.js';

// Made by make-pcap-variant-captures.ts; tshark 4.0's view of them is in the CLI goldens *-pcap-variant-*.
const captures = join(__dirname, 'captures');
const file = (name: string) => join(captures, `pcap-variant-${name}.pcap`);

describe('pcap variants with longer record headers (wiretap libpcap_try_variants)', () => {
  const headerLengths = { ss990417: 24, nokia: 20, ss991029: 24, ss990915: 28 };
  for (const [name, headerLength] of Object.entries(headerLengths)) {
    it(`${name}: every record read, its data after the ${headerLength}-byte header`, async () => {
      const { packets, error } = await readAll(file(name));
      expect(error).toBeUndefined();
      expect(packets.map((p) => p.no)).toEqual([1, 2, 3, 4]);
      const bytes = readFileSync(file(name));
      let offset = 24;
      for (const p of packets) {
        expect(p.dataOffset).toBe(offset + headerLength);
        expect(p.bytes).toEqual(new Uint8Array(bytes.subarray(offset + headerLength, offset + headerLength + p.caplen)));
        // An Ethernet frame carrying IPv4 where the data starts.
        expect([p.bytes[12], p.bytes[13], p.bytes[14]]).toEqual([0x08, 0x00, 0x45]);
        expect(p.tsNsec).toBe(250_000_000 * (p.no - 1));
        offset += headerLength + p.caplen;
      }
    });
  }

  it('reads three records per guess: a standard-looking file whose third record is wrong is Nokia', async () => {
    const { packets, error } = await readAll(file('third-record'));
    expect(error).toBeUndefined();
    expect(packets.map((p) => [p.no, p.dataOffset, p.tsSec])).toEqual([
      [1, 24 + 20, 1_700_000_000],
      [2, 24 + 20 + 71 + 20, 1000],
    ]);
  });

  it('a pipe cannot be read twice: standard pcap there, and the modified magic is refused', async () => {
    const piped = await readAll(createReadStream(file('nokia'), { highWaterMark: 64 }));
    // Read as 16-byte headers, the second record's header is four bytes early: its lengths are not the frame's.
    expect(piped.packets[0]!.dataOffset).toBe(-1);
    expect(piped.packets[0]!.bytes.slice(0, 4)).toEqual(Uint8Array.of(0, 0, 0, 0));
    const refused = await CaptureReader.open(createReadStream(file('ss991029'))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(CaptureFileError);
    expect((refused as CaptureFileError).kind).toBe('unsupported');
  });
});
