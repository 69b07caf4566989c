import { describe, expect, it } from 'vitest';
import { DissectionSession, type RawPacket } from '@netdissect/core';
import { POP3_MESSAGE_TAP, popDataFragmentFields, popFields, type RetrievedMessage } from '@netdissect/pop3';
import { corpusAvailable, corpusPath } from '../../../test/support/paths.js';
import { readAllPackets, resegmentTcp } from '../../../test/support/resegment-tcp.js';
import { dissectPackets } from './support/dissect-capture.js';
import { octetsSession } from './support/octets-session.js';

/**
 * The POP dialogue (command / parameter / indicator values in order), the
 * messages retrieved, and how many DATA units were reassembled from more
 * than one piece.
 */
function observe(packets: readonly RawPacket[]): { dialogue: string[]; messages: string[]; reassembled: number } {
  const session = new DissectionSession();
  const messages: string[] = [];
  session.addTap(POP3_MESSAGE_TAP, (_p, m) => messages.push(Buffer.from((m as RetrievedMessage).message).toString('latin1')));
  const dialogue: string[] = [];
  let reassembled = 0;
  const fields = [popFields.requestCommand, popFields.requestParameter, popFields.responseIndicator, popDataFragmentFields.count];
  for (const f of dissectPackets(packets, { session, fields })) {
    f.tree.forEach((n) => {
      if (n.def === popFields.requestCommand) dialogue.push(`C ${String(n.value)}`);
      else if (n.def === popFields.requestParameter) dialogue.push(`P ${String(n.value)}`);
      else if (n.def === popFields.responseIndicator) dialogue.push(`S ${String(n.value)}`);
      else if (n.def === popDataFragmentFields.count) reassembled++;
    });
  }
  return { dialogue, messages, reassembled };
}

describe.skipIf(!corpusAvailable())('POP does not depend on where TCP cuts the stream', () => {
  it('pop3.pcap cut into 1-byte segments gives the same dialogue and the same retrieved messages', async () => {
    const original = await readAllPackets(corpusPath('pop3/pop3.pcap'));
    const oneByte = resegmentTcp(original, 1);
    expect(oneByte.length).toBeGreaterThan(original.length * 100);
    const want = observe(original);
    expect(want.dialogue).toContain('C RETR');
    expect(want.messages).toHaveLength(3);
    const got = observe(oneByte);
    expect(got.dialogue).toEqual(want.dialogue);
    expect(got.messages).toEqual(want.messages);
  });

  it('so does a message announced with its size, whose reassembly still completes', () => {
    const original = octetsSession();
    const want = observe(original);
    expect(want.reassembled).toBe(1);
    const got = observe(resegmentTcp(original, 1));
    expect(got.dialogue).toEqual(want.dialogue);
    expect(got.messages).toEqual(want.messages);
    expect(got.reassembled).toBe(1);
  });
});
