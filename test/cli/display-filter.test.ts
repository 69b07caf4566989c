import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusPath, goldensDir } from '../support/paths.js';
import { refusedLine, runNetdissect } from '../support/run-cli.js';

// The filter package is checked filter by filter over the whole corpus in test/filters; here a
// sample goes through the command (-Y), one or more per protocol and operator kind.
const SAMPLE = [
  'tcp.port in {80, 443, 8080}',
  'ip.addr == 10.0.0.0/8',
  'frame contains "HTTP/1.1 200"',
  'dns.qry.name matches "\\\\.(com|org)$"',
  'http.response.code >= 300 && http.response.code < 500',
  'ftp.request.command in {"USER", "PASS"}',
  'smtp.req.command == "MAIL"',
  'imf',
  'pop',
  'imap',
];

interface FrameGoldens {
  frames: Record<string, Record<string, string>>;
}

/** "3-5,9" -> [3, 4, 5, 9] */
function expand(ranges: string): number[] {
  return ranges.split(',').flatMap((r) => {
    const [a, b] = r.split('-').map(Number);
    return Array.from({ length: (b ?? a!) - a! + 1 }, (_v, i) => a! + i);
  });
}

describe.skipIf(!corpusAvailable())('-Y selects the frames tshark selects', () => {
  const goldens = JSON.parse(readFileSync(join(goldensDir, 'filters', 'frames.json'), 'utf8')) as FrameGoldens;
  it.each(SAMPLE)('%s', async (filter) => {
    const perCapture = goldens.frames[filter];
    expect(perCapture, `no golden for ${filter}`).toBeDefined();
    // Up to three captures per filter keep the test quick; test/filters covers them all.
    for (const [name, ranges] of Object.entries(perCapture!).slice(0, 3)) {
      const r = await runNetdissect(['-r', corpusPath(name.replaceAll('__', '/')), '-Y', filter, '-T', 'fields', '-e', 'frame.number']);
      // A damaged capture still shows what it holds, then names the damage.
      if (!name.startsWith('malformed__')) expect(r.stderr).toBe('');
      expect(r.stdout.trim().split('\n').map(Number), name).toEqual(expand(ranges));
    }
  });

  it('a mistake in the filter is one line naming it, status 2', async () => {
    expect(await refusedLine(['-r', corpusPath('http/get.pcap'), '-Y', 'tcp.port == '])).toMatch(/^netdissect: invalid display filter at character \d+ of "tcp\.port == ": /);
  });
});
