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

describe('SMTP does not depend on where TCP segments end', () => {
  for (const capture of ['smtp/smtp.pcap', 'smtp/mail_receiver_server_3.pcapng', 'smtp/smtp-zip.pcap', 'smtp/smtp-data-250.pcap']) {
    it(`${capture} cut into 1-byte segments dissects the same`, async () => {
      const packets = await corpusPackets(capture);
      const original = sequence(dissectPackets(packets, FIELDS));
      const cut = resegmentTcp(packets, 1);
      expect(cut.length).toBeGreaterThan(packets.length * 10);
      expect(original.some((v) => v.startsWith('imf.subject='))).toBe(true);
      expect(sequence(dissectPackets(cut, FIELDS))).toEqual(original);
    }, 240_000);
  }
});
