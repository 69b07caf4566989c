import { describe, expect, it } from 'vitest';
import { resegmentTcp } from '../../../test/support/resegment-tcp.js';
import { corpusPackets, dissectPackets, type FrameView } from './support/dissect.js';

const FIELDS = ['smtp.req.command', 'smtp.req.parameter', 'smtp.response.code', 'imf.subject', 'imf.from', 'imf.to'];

/** The SMTP/IMF values of a whole capture, in order, whatever frames carried them. */
function sequence(frames: FrameView[]): string[] {
  const out: string[] = [];
  for (const f of frames) for (const [name, v] of f.ordered) out.push(`${name}=${v}`);
  return out;
}

/**
 * Commands sent in the segment that ends a message: packet-smtp.c stops
 * reading that segment at the "." line, so they are seen only when they
 * come in a segment of their own (here, once the capture is cut up).
 */
const AFTER_END_OF_MESSAGE: Record<string, string[]> = {
  'smtp/mail_receiver_server_3.pcapng': ['smtp.req.command=QUIT'],
};

describe('SMTP does not depend on where TCP segments end', () => {
  for (const capture of ['smtp/smtp.pcap', 'smtp/mail_receiver_server_3.pcapng', 'smtp/smtp-zip.pcap', 'smtp/smtp-data-250.pcap']) {
    it(`${capture} cut into 1-byte segments dissects the same`, async () => {
      const packets = await corpusPackets(capture);
      const original = sequence(dissectPackets(packets, FIELDS));
      const cut = resegmentTcp(packets, 1);
      expect(cut.length).toBeGreaterThan(packets.length * 10);
      expect(original.some((v) => v.startsWith('imf.subject='))).toBe(true);
      const cutSequence = sequence(dissectPackets(cut, FIELDS));
      const unseen = AFTER_END_OF_MESSAGE[capture] ?? [];
      for (const v of unseen) {
        expect(original).not.toContain(v);
        expect(cutSequence).toContain(v);
      }
      expect(cutSequence.filter((v) => !unseen.includes(v))).toEqual(original);
    }, 240_000);
  }
});
