import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { httpObjectsOfFile } from '@netdissect/http';
import { compareFieldOutputs } from '../../../test/support/field-sets.js';
import { goldensDir } from '../../../test/support/paths.js';
import { runNetdissect } from '../../../test/support/run-cli.js';
import { dissectFile, frame, value, values } from './dissect-helpers.js';

const captures = join(__dirname, 'captures');
const recorded = join(goldensDir, 'http-crafted');
const httpFields = (JSON.parse(readFileSync(join(goldensDir, 'field-sets', 'http.json'), 'utf8')) as { fields: string[] }).fields;

describe('crafted HTTP captures agree with tshark 4.0', () => {
  for (const name of ['basic-auth.pcap', 'basic-auth-cut.pcap', 'chunked-cut.pcap', 'codings.pcap', 'connect-tunnel.pcap', 'content-length-64-bit.pcap', 'corrupt-compressed.pcap', 'gif-images.pcap', 'gzip-bomb.pcap', 'hostile.pcap', 'jpeg-image.pcap', 'leading-crlf.pcap', 'nul-in-headers.pcap', 'png-bad-lengths.pcap', 'png-chunks.pcap', 'ssdp.pcap']) {
    it(`${name}: summary lines and the http field set`, async () => {
      const summary = await runNetdissect(['-r', join(captures, name)]);
      expect(summary.stdout).toBe(readFileSync(join(recorded, `${name}.summary.txt`), 'utf8'));
      const args = ['-r', join(captures, name), '-2', '-T', 'fields', '-E', 'header=y'];
      for (const f of httpFields) args.push('-e', f);
      const fields = await runNetdissect(args);
      const cmp = compareFieldOutputs(readFileSync(join(recorded, `${name}.fields.tsv`), 'utf8'), fields.stdout, httpFields, name);
      expect(cmp.mismatches).toEqual([]);
      expect(cmp.cells).toBeGreaterThan(0);
    });
  }

  // The bomb has no details golden: netdissect stops at its decompression limit, tshark does not.
  for (const name of ['basic-auth.pcap', 'basic-auth-cut.pcap', 'chunked-cut.pcap', 'codings.pcap', 'connect-tunnel.pcap', 'content-length-64-bit.pcap', 'corrupt-compressed.pcap', 'gif-images.pcap', 'hostile.pcap', 'jpeg-image.pcap', 'leading-crlf.pcap', 'nul-in-headers.pcap', 'png-bad-lengths.pcap', 'png-chunks.pcap', 'ssdp.pcap']) {
    it(`${name}: packet details (-V)`, async () => {
      const details = await runNetdissect(['-r', join(captures, name), '-V']);
      expect(details.stdout).toBe(readFileSync(join(recorded, `${name}.details.txt`), 'utf8'));
    });
  }

  it('decodes the PNG chunks file-png.c knows: gamma and chromaticities in single precision, background by its length', async () => {
    const frames = await dissectFile(join(captures, 'png-chunks.pcap'));
    const png = frames.find((f) => f.layers.includes('png'))!;
    expect(values(png.tree, 'png.gama.gamma')).toEqual([Math.fround(45455 / 100000)]);
    expect(values(png.tree, 'png.chrm.white.x')).toEqual([Math.fround(31270 / 100000)]);
    expect(values(png.tree, 'png.chrm.blue.y')).toEqual([Math.fround(6000 / 100000)]);
    expect(values(png.tree, 'png.bkgd.palette_index')).toEqual([7]);
    expect(values(png.tree, 'png.bkgd.red')).toEqual([0x10]);
    expect(values(png.tree, 'png.bkgd.blue')).toEqual([0x30]);
    expect(values(png.tree, 'png.phys.unit')).toEqual([1]);
    expect(values(png.tree, 'png.time.year')).toEqual([2024]);
    expect(values(png.tree, 'png.time.second')).toEqual([60]);
    // IDAT, which has no decoder, is the only chunk left as a plain "Data" item.
    expect(values(png.tree, 'png.chunk.data')).toEqual([null]);
  });

  it('decodes gzip, deflate and br bodies and shows each as a new data source', async () => {
    const frames = await dissectFile(join(captures, 'codings.pcap'));
    const fox = 'The quick brown fox jumps over the lazy dog.\n'.repeat(40);
    for (const n of [6, 10]) {
      expect(value(frame(frames, n).tree, 'http.file_data')).toBe(fox);
      expect(frame(frames, n).dataSources).toContain(`Uncompressed entity body (${fox.length} bytes)`);
    }
    const br = frame(frames, 14);
    expect(br.info).toBe('HTTP/1.1 200 OK , JavaScript Object Notation (application/json)');
    expect(values(br.tree, 'json.member_with_value')).toEqual(['animal:fox', 'legs:4', 'quick:true', '[]:brown', '[]:null']);
  });

  it('reads a chunked body with a trailer split over many segments', async () => {
    const frames = await dissectFile(join(captures, 'codings.pcap'));
    const resp = frame(frames, 23);
    expect(values(resp.tree, 'http.chunk_size')).toEqual([7, 9, 0]);
    expect(value(resp.tree, 'http.chunked_trailer_part')).toBe('X-Checksum: c0ffee\r\n');
    expect(value(resp.tree, 'http.file_data')).toBe('chunk 1chunk two');
  });

  it('expects no body after HEAD, 204 and 304, and splits pipelined messages', async () => {
    const frames = await dissectFile(join(captures, 'codings.pcap'), { twoPass: true });
    expect(value(frame(frames, 27).tree, 'http.content_length')).toBe(1048576);
    expect(value(frame(frames, 27).tree, 'http.file_data')).toBeUndefined();
    expect(values(frame(frames, 29).tree, 'urlencoded-form.value')).toEqual(['Fox Mulder', 'ABC']);
    expect(frame(frames, 31).info).toBe('HTTP/1.1 204 No Content ');
    expect(values(frame(frames, 33).tree, 'http.request.uri')).toEqual(['/a.txt', '/b.txt']);
    expect(values(frame(frames, 35).tree, 'http.response.code')).toEqual([200, 304]);
    // As in Wireshark, every message of a frame shows the last pair the frame recorded, and a
    // response after its pair is complete opens a new pair without a request.
    expect(values(frame(frames, 33).tree, 'http.response_in')).toEqual([35, 35]);
    expect(values(frame(frames, 35).tree, 'http.request_in')).toEqual([]);
    expect(values(frame(frames, 35).tree, 'http.response_for.uri')).toEqual(['http://example.test/b.txt', 'http://example.test/b.txt']);
  });

  it('refuses to inflate a body past maxDecompressedBytes', async () => {
    const frames = await dissectFile(join(captures, 'gzip-bomb.pcap'), { limits: { maxDecompressedBytes: 1 << 20 } });
    const resp = frame(frames, 61);
    expect(resp.experts.map((e) => e.field)).toContain('http.decompression_failed');
    expect(resp.dataSources.some((d) => d.startsWith('Uncompressed'))).toBe(false);
    expect(await httpObjectsOfFile(join(captures, 'gzip-bomb.pcap'), { maxDecompressedBytes: 1 << 20 })).toEqual([]);
    // With room for it, the body is the one tshark exports.
    const objects = await httpObjectsOfFile(join(captures, 'gzip-bomb.pcap'), { maxDecompressedBytes: 100 << 20 });
    expect(objects.map((o) => [o.filename, o.payload.length])).toEqual([['bomb.bin', 80 << 20]]);
  });
});
