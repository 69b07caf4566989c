// netdissect -2 -Y leaves out of its second pass the frames whose first-pass
// layers name none of the protocols the filter's fields come under, when no
// frame passes without one of them (as the terminal UI's filter pass does).
// What it prints must be what a second pass over every frame prints: the
// same filter or'ed with a frame.* test no frame passes cannot be narrowed,
// and serves as that pass.
import { DissectionSession } from '@netdissect/core';
import { relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { corpusAvailable, corpusPath, repoRoot } from '../support/paths.js';
import { runNetdissect } from '../support/run-cli.js';

const CAPTURES = [
  corpusPath('dns/dns_udp.pcap'),
  corpusPath('http/pipelined-requests.pcap'),
  corpusPath('smtp/mail_sender_attachment.pcapng'),
  corpusPath('imap/ndpi-imap.pcap'),
  corpusPath('tcp/206_example_c.pcap'),
  `${repoRoot}/test/lab-traffic/captures/lab-ftp-active.pcap`,
  `${repoRoot}/test/lab-traffic/captures/lab-pop3.pcap`,
  `${repoRoot}/test/lab-traffic/captures/lab-tcp-loss.pcap`,
  // Frame 10 is TCP on the first pass (its payload held back after a gap) and SMTP on the second.
  `${repoRoot}/fixtures/fuzz-regressions/tcp__smtp-one-side-only-s11-c965.pcap`,
  // The SYN-ACK opening stream 0 (frame 47) adds its flag to tcp.completeness on the second pass only,
  // and frame 50 (IMF) shows it: the second pass must dissect frame 47 though it holds no IMF.
  `${repoRoot}/fixtures/fuzz-regressions/ip__v6-http-s20261125-c53017.pcap`,
];
const FILTERS = ['dns', 'http.request', 'smtp || pop || imap', 'ftp || ftp-data', 'imf', 'tcp.analysis.retransmission || tcp.analysis.duplicate_ack'];

/** How many frames the second pass dissects while `argv` runs. */
async function run(argv: string[]): Promise<{ stdout: string; revisited: number }> {
  const dissect = vi.spyOn(DissectionSession.prototype, 'dissect');
  const { status, stdout, stderr } = await runNetdissect(argv);
  expect(stderr).toBe('');
  expect(status).toBe(0);
  const revisited = dissect.mock.calls.filter((c) => c[2] === true).length;
  dissect.mockRestore();
  return { stdout, revisited };
}

afterEach(() => vi.restoreAllMocks());

describe.skipIf(!corpusAvailable())('-2 -Y: a second pass over the frames that may pass', () => {
  for (const file of CAPTURES) {
    it(`prints what a second pass over every frame prints (${relative(repoRoot, file)})`, async () => {
      let shown = 0;
      let leftOut = 0;
      for (const filter of FILTERS) {
        const narrowed = await run(['-2', '-V', '-Y', filter, '-r', file]);
        const whole = await run(['-2', '-V', '-Y', `(${filter}) || frame.number == 0`, '-r', file]);
        expect(narrowed.stdout, filter).toBe(whole.stdout);
        expect(narrowed.revisited).toBeLessThanOrEqual(whole.revisited);
        if (narrowed.stdout !== '') shown++;
        leftOut += whole.revisited - narrowed.revisited;
      }
      expect(shown).toBeGreaterThan(0);
      expect(leftOut).toBeGreaterThan(0);
    });
  }

  it('counts the Time column from the first frame, left out or not', async () => {
    const file = corpusPath('http/get.pcap');
    const narrowed = await run(['-2', '-Y', 'http.request', '-r', file]);
    const whole = await run(['-2', '-Y', 'http.request || frame.number == 0', '-r', file]);
    expect(narrowed.stdout).toMatch(/^ +4 +0\.070183 /);
    expect(narrowed.stdout).toBe(whole.stdout);
    // Frame 1 (the SYN) is not dissected again.
    expect(narrowed.revisited).toBeLessThan(whole.revisited);
  });

  it('dissects every frame again with statistics, or a filter frames pass without its fields', async () => {
    const file = corpusPath('http/get.pcap');
    const all = (await run(['-2', '-Y', 'tcp', '-r', file])).revisited;
    expect(all).toBeGreaterThan(1);
    expect((await run(['-2', '-Y', '!http', '-r', file])).revisited).toBe(all);
    expect((await run(['-2', '-q', '-z', 'io,phs', '-Y', 'http', '-r', file])).revisited).toBe(all);
  });
});
