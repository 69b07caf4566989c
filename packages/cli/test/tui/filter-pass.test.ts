import { describe, expect, it } from 'vitest';
import { compileDisplayFilter, isFilterProblem, type DisplayFilter } from '../../src/tui/display-filter.js';
import { FilterPass } from '../../src/tui/filter-pass.js';
import { LayerPrefilter } from '../../src/tui/layer-prefilter.js';
import { openCaptureFile } from '../../src/tui/open-capture.js';
import type { CaptureModel } from '../../src/tui/capture-model.js';
import { corpusAvailable, corpusPath, repoRoot } from '../../../../test/support/paths.js';
import { indexedCapture } from './support/tui-harness.js';

function filter(text: string): DisplayFilter {
  const f = compileDisplayFilter(text);
  if (isFilterProblem(f)) throw new Error(f.message);
  return f;
}

/** The frames a pass over `model`'s indexed frames lets through, and how many it dissected. */
async function pass(model: CaptureModel, f: DisplayFilter, prefilter: LayerPrefilter | null): Promise<{ frames: number[]; dissected: number }> {
  const p = new FilterPass(f, model.session, model.bytes, model.index.count, prefilter);
  await p.run();
  const frames: number[] = [];
  for (let i = 0; i < p.passing.length; i++) frames.push(p.passing.frameAt(i));
  expect(p.scanned).toBe(model.index.count);
  return { frames, dissected: p.dissected };
}

const FILTERS = [
  'dns',
  'dns.qry.name contains "local"',
  'http',
  'http.request.method == "POST" || dns.flags.rcode != 0',
  'smtp.req.command || smtp.response.code == 250',
  'pop || imap',
  'ftp.request.command == "PASV" || ftp-data',
  'imf',
  'tcp.analysis.retransmission || tcp.analysis.out_of_order',
  'udp.port == 53',
  'arp || icmp || icmpv6',
];

const CAPTURES = [
  corpusPath('dns/DnsPackets.pcap'), // mDNS and LLMNR hold dns.* fields
  corpusPath('ip/v6-http.pcap'),
  corpusPath('link/sll.pcap'),
  corpusPath('http/http-packets2.pcap'),
  corpusPath('smtp/smtp.pcap'),
  corpusPath('pop3/pop3.pcap'),
  corpusPath('ftp/suri-ftp-upload-passive.pcap'),
  corpusPath('tcp/wireshark-retrans.pcap'),
  `${repoRoot}/test/lab-traffic/captures/lab-imap.pcap`,
  `${repoRoot}/test/lab-traffic/captures/lab-ftp-active.pcap`,
  `${repoRoot}/test/lab-traffic/captures/lab-tcp-loss.pcap`,
  `${repoRoot}/fixtures/code-cache/mixed-traffic-500.pcap`,
  // Frame 10's SMTP command follows a gap: TCP holds it back on the first pass, a revisit hands it to SMTP (payloadHeldBack).
  `${repoRoot}/fixtures/fuzz-regressions/tcp__smtp-one-side-only-s11-c965.pcap`,
];

// The TUI's filter pass dissects again only frames whose first-pass layers
// can hold one of the filter's fields (LayerPrefilter, layersHoldingFields).
describe.skipIf(!corpusAvailable())('the filter pass with its layer prefilter', () => {
  it('finds the frames a pass dissecting every frame finds, dissecting fewer', async () => {
    let scanned = 0;
    let dissected = 0;
    for (const file of CAPTURES) {
      const model = await indexedCapture(file);
      try {
        for (const text of FILTERS) {
          const f = filter(text);
          const prefilter = LayerPrefilter.of(f, model.index);
          expect(prefilter, text).not.toBeNull();
          const want = await pass(model, f, null);
          expect(want.dissected).toBe(model.index.count);
          const got = await pass(model, f, prefilter);
          expect(got.frames, `${file}: ${text}`).toEqual(want.frames);
          scanned += model.index.count;
          dissected += got.dissected;
        }
      } finally {
        await model.close();
      }
    }
    expect(dissected).toBeLessThan(scanned / 2);
  });

  it('is not used for filters a frame may pass without the fields of listed protocols', async () => {
    const model = await indexedCapture(corpusPath('dns/DnsPackets.pcap'));
    try {
      for (const text of ['!dns', 'dns || !http', 'frame.len > 100 && dns', 'ip.src == 10.0.0.1 && dns', '_ws.malformed']) {
        expect(LayerPrefilter.of(filter(text), model.index), text).toBeNull();
      }
    } finally {
      await model.close();
    }
  });

  it('dissects the frames indexed while a filter was applied (their layers are not known)', async () => {
    const model = await indexedCapture(corpusPath('http/http-packets2.pcap'));
    try {
      const f = filter('dns');
      const withLayers = await pass(model, f, LayerPrefilter.of(f, model.index));
      expect(withLayers.dissected).toBeLessThan(model.index.count);
      // Index the capture again with a filter applied from the start: every frame is dissected.
      const again = await indexedCaptureFiltered(corpusPath('http/http-packets2.pcap'), f);
      try {
        const unknown = await pass(again, f, LayerPrefilter.of(f, again.index));
        expect(unknown.dissected).toBe(again.index.count);
        expect(unknown.frames).toEqual(withLayers.frames);
      } finally {
        await again.close();
      }
    } finally {
      await model.close();
    }
  });
});

/** A capture indexed with `f` applied before the first frame (the indexer dissects with its tree). */
async function indexedCaptureFiltered(path: string, f: DisplayFilter): Promise<CaptureModel> {
  const model = await openCaptureFile(path, {});
  const p = model.applyFilter(f);
  await model.start();
  while (!p.done) await new Promise((r) => setTimeout(r, 1));
  model.clearFilter();
  return model;
}
