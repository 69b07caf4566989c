import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusPath } from '../../../test/support/paths.js';
import { dissectFile, frame, value, values } from './dissect-helpers.js';

describe.skipIf(!corpusAvailable())('HTTP requests and responses in the corpus', () => {
  it('reads a GET and its reassembled Content-Length response (http/get.pcap)', async () => {
    const firstPass = await dissectFile(corpusPath('http/get.pcap'));
    // Segments of the response say they are part of a PDU; the last one carries it.
    expect(frame(firstPass, 6).info).toBe('HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]');
    const frames = await dissectFile(corpusPath('http/get.pcap'), { twoPass: true });
    const req = frame(frames, 4);
    expect(req.protocol).toBe('HTTP');
    expect(req.info).toBe('GET /download/CHANGES.bro-aux.txt HTTP/1.1 ');
    expect(value(req.tree, 'http.request.method')).toBe('GET');
    expect(value(req.tree, 'http.host')).toBe('bro.org');
    expect(value(req.tree, 'http.request.full_uri')).toBe('http://bro.org/download/CHANGES.bro-aux.txt');
    expect(value(req.tree, 'http.response_in')).toBe(9);
    const resp = frame(frames, 9);
    expect(resp.info).toBe('HTTP/1.1 200 OK  (text/plain)');
    expect(resp.layers).toBe('frame:eth:ethertype:ip:tcp:http:data-text-lines');
    expect(value(resp.tree, 'http.response.code')).toBe(200);
    expect(value(resp.tree, 'http.content_length')).toBe(4705);
    expect(value(resp.tree, 'http.request_in')).toBe(4);
    expect(value(resp.tree, 'http.response_for.uri')).toBe('http://bro.org/download/CHANGES.bro-aux.txt');
    expect((value(resp.tree, 'http.file_data') as string).length).toBe(4705);
  });

  it('pairs pipelined requests with their responses in order (http/pipelined-requests.pcap)', async () => {
    const frames = await dissectFile(corpusPath('http/pipelined-requests.pcap'), { twoPass: true });
    const pairs: Array<[number, number]> = [[4, 5], [6, 12], [14, 15], [16, 18], [20, 45]];
    for (const [req, resp] of pairs) {
      expect(value(frame(frames, req).tree, 'http.response_in')).toBe(resp);
      expect(value(frame(frames, resp).tree, 'http.request_in')).toBe(req);
    }
    expect(value(frame(frames, 6).tree, 'http.prev_request_in')).toBe(4);
    expect(value(frame(frames, 6).tree, 'http.next_request_in')).toBe(14);
    expect(values(frame(frames, 20).tree, 'http.request_number')).toEqual([5]);
    // Bodies go to the dissector of their media type.
    expect(frame(frames, 15).layers.endsWith(':http:image-gif')).toBe(true);
    expect(frame(frames, 15).info).toBe('HTTP/1.1 200 OK  (GIF89a)');
    expect(frame(frames, 18).info).toBe('HTTP/1.1 200 OK  (PNG)');
  });

  it('finds HTTP on an unregistered port by its first line and stops at the 101 upgrade (docker on 2375)', async () => {
    const frames = await dissectFile(corpusPath('http/docker-http-upgrade.pcap'), { twoPass: true });
    expect(frame(frames, 4).info).toBe('HEAD /_ping HTTP/1.1 ');
    // No body is waited for after a HEAD, although the response has a Content-Length.
    expect(frame(frames, 6).info).toBe('HTTP/1.1 200 OK ');
    expect(frame(frames, 8).protocol).toBe('HTTP/JSON');
    expect(frame(frames, 8).info).toBe('POST /v1.41/containers/create HTTP/1.1 , JavaScript Object Notation (application/json)');
    expect(values(frame(frames, 10).tree, 'json.member_with_value')).toEqual(['Id:cc4fc8e49cadbb8bc41437dc2f9979a72293eabc3f0ea5ce48b77f43cb1f1d5e']);
    expect(frame(frames, 16).info).toBe('HTTP/1.1 101 UPGRADED ');
    // After the switch the stream is no longer HTTP.
    const after = frames.filter((f) => f.num > 16 && f.layers.includes(':tcp:http:data') && !f.layers.endsWith('http:json'));
    expect(after.length).toBeGreaterThan(0);
    expect(value(frame(frames, 191).tree, 'http.request_in')).toBe(18);
    expect(values(frame(frames, 191).tree, 'http.chunk_size')).toEqual([30, 0]);
  });

  it('dechunks and gunzips a response body into new data sources (http/suri-http-sticky-start.pcap)', async () => {
    const frames = await dissectFile(corpusPath('http/suri-http-sticky-start.pcap'));
    const resp = frame(frames, 25);
    expect(values(resp.tree, 'http.chunk_size')).toEqual([15645, 7271, 0]);
    expect(value(resp.tree, 'http.content_encoding')).toBe('gzip');
    expect(resp.dataSources.some((d) => d.startsWith('De-chunked entity body'))).toBe(true);
    expect(resp.dataSources.some((d) => d.startsWith('Uncompressed entity body'))).toBe(true);
    expect(value(resp.tree, 'http.file_data')).toMatch(/^<!DOCTYPE html PUBLIC/);
    expect(resp.info).toBe('HTTP/1.1 200 OK  (text/html)');
  });

  it('handles 100 Continue and an urlencoded form body (http/100-continue.pcap)', async () => {
    const frames = await dissectFile(corpusPath('http/100-continue.pcap'), { twoPass: true });
    expect(frame(frames, 6).info).toBe('HTTP/1.1 100 Continue ');
    expect(value(frame(frames, 6).tree, 'http.file_data')).toBeUndefined();
    const post = frame(frames, 10);
    expect(post.info).toBe('POST / HTTP/1.1  (application/x-www-form-urlencoded)');
    expect(post.layers.endsWith(':http:urlencoded-form')).toBe(true);
    expect(values(post.tree, 'urlencoded-form.key').length).toBeGreaterThan(0);
    expect(value(post.tree, 'http.response_in')).toBe(63);
    expect(values(frame(frames, 63).tree, 'http.chunk_size')).toEqual([8558, 8496, 12615, 8782, 8200, 8377, 5703, 0]);
  });

  it('uses the heuristic for HTTP on port 4000 and shows XML bodies (tcp/wireshark-retrans.pcap)', async () => {
    const frames = await dissectFile(corpusPath('tcp/wireshark-retrans.pcap'));
    const post = frame(frames, 21);
    expect(post.protocol).toBe('HTTP/XML');
    expect(post.info).toBe('POST /exhmedmx HTTP/1.1 ');
    expect(frame(frames, 8).info).toBe('POST /exhmedmx HTTP/1.1  [TCP segment of a reassembled PDU]');
    expect(values(frame(frames, 25).tree, 'http.chunk_size')).toEqual([0]);
  });

  it('splits multipart/byteranges bodies into parts (tcp/206_example_c.pcap)', async () => {
    const frames = await dissectFile(corpusPath('tcp/206_example_c.pcap'));
    const resp = frame(frames, 17);
    expect(resp.info).toBe('HTTP/1.1 206 Partial Content  (application/pdf) (application/pdf)');
    expect(resp.layers.endsWith(':http:mime_multipart:media:media')).toBe(true);
    expect(value(resp.tree, 'mime_multipart.type')).toBe('multipart/byteranges');
    expect(values(resp.tree, 'mime_multipart.header.content-type')).toEqual(['application/pdf', 'application/pdf']);
  });
});
