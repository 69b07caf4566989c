import { createHash } from 'node:crypto';
import type { ExportedObject } from '@netdissect/core';
import { IMF_EXPORT_TAP, MAIL_ATTACHMENTS_TAP, parseMail } from '@netdissect/smtp';
import { describe, expect, it } from 'vitest';
import { corpusPackets, dissectPackets } from './support/dissect.js';

async function exported(capture: string): Promise<{ messages: ExportedObject[]; attachments: ExportedObject[] }> {
  const messages: ExportedObject[] = [];
  const attachments: ExportedObject[] = [];
  dissectPackets(await corpusPackets(capture), [], {
    taps: { [IMF_EXPORT_TAP]: (d) => messages.push(d as ExportedObject), [MAIL_ATTACHMENTS_TAP]: (d) => attachments.push(d as ExportedObject) },
  });
  return { messages, attachments };
}

/**
 * Digest of an attachment's bytes. Text parts are compared with line ends
 * normalised: for quoted-printable postal-mime turns line breaks into LF
 * and adds line ends before the closing boundary, while we keep the CRLF
 * the encoding stands for and leave the boundary's own line end out (RFC 2045 6.7, RFC 2046 5.1.1).
 */
function digest(type: string, b: Uint8Array): string {
  const bytes = type.startsWith('text/') ? Buffer.from(Buffer.from(b).toString('latin1').replace(/\r\n/g, '\n').replace(/\n+$/, ''), 'latin1') : b;
  return createHash('md5').update(bytes).digest('hex');
}

describe('decoded MIME attachments on the mail_attachments tap', () => {
  it('a base64 JPEG under its Content-Disposition file name', async () => {
    const { attachments } = await exported('smtp/mail_sender_attachment.pcapng');
    expect(attachments.map((a) => [a.filename, a.contentType, a.frame, a.hostname])).toEqual([['newguy.jpg', 'image/jpeg', 49, 'sanders@skynet.local']]);
    const jpeg = attachments[0]!.payload;
    expect([jpeg[0], jpeg[1], jpeg[jpeg.length - 2], jpeg[jpeg.length - 1]]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
  });

  it('a zip file that opens with the local-file signature', async () => {
    const { attachments } = await exported('smtp/smtp-zip.pcap');
    expect(attachments.map((a) => a.contentType)).toEqual(['application/zip']);
    expect([...attachments[0]!.payload.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  });

  for (const capture of ['smtp/mail_sender_attachment.pcapng', 'smtp/smtp-zip.pcap', 'smtp/smtp.pcap', 'smtp/mail_receiver_server_3.pcapng', 'tcp/smtp-one-side-only.pcap']) {
    it(`agrees with postal-mime on ${capture}`, async () => {
      const { messages, attachments } = await exported(capture);
      expect(messages.length).toBeGreaterThan(0);
      const want: string[] = [];
      for (const m of messages) {
        const mail = await parseMail(m.payload);
        for (const a of mail.attachments) want.push(`${a.filename}|${a.mimeType}|${digest(a.mimeType, new Uint8Array(a.content as ArrayBuffer))}`);
      }
      const got = attachments.map((a) => `${a.filename}|${a.contentType}|${digest(a.contentType, a.payload)}`);
      expect(got).toEqual(want);
    });
  }
});
