import { DissectionSession } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import '../../packages/cli/src/protocols.js';
import { dissectFrames, readPackets, valuesOf } from '../support/dissect-frames.js';
import { corpusAvailable, corpusPath } from '../support/paths.js';

/** Each frame's tcp.stream and udp.stream, as text. */
function streams(rel: string, session: DissectionSession, twoPass: boolean): Promise<string[]> {
  return readPackets(corpusPath(rel)).then((packets) =>
    dissectFrames(packets, { session, twoPass, fields: ['tcp.stream', 'udp.stream'] }).map((f) => `${f.no} tcp ${valuesOf(f.tree, 'tcp.stream').join(',')} udp ${valuesOf(f.tree, 'udp.stream').join(',')}`),
  );
}

// The TUI and -2 dissect frames again. A frame whose conversation the open-flow limit
// had forgotten used to start a new conversation on the revisit: a new tcp.stream or
// udp.stream, another Follow stream, lost analysis.
describe.skipIf(!corpusAvailable())('maxOpenFlows and frames dissected again', () => {
  it.each([
    ['dns/DnsPackets.pcap', 'udp'],
    ['formats/pcapng-example.pcapng', 'tcp'],
  ])('%s: with the limit far below its %s conversations, the second pass finds the first pass\'s streams', async (rel) => {
    const unlimited = await streams(rel, new DissectionSession(), true);
    const limited = new DissectionSession({ limits: { maxOpenFlows: 3 } });
    expect(await streams(rel, limited, true)).toEqual(unlimited);
    expect(limited.conversations.evicted).toBe(0);

    // In one pass the same limit does forget conversations: the case above is a real one.
    const onePass = new DissectionSession({ limits: { maxOpenFlows: 3 } });
    await streams(rel, onePass, false);
    expect(onePass.conversations.evicted).toBeGreaterThan(0);
  });
});
