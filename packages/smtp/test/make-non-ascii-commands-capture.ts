// Writes captures/non-ascii-commands.pcap: SMTP client lines with bytes
// above 0x7f in each of the ways packet-smtp.c shows a command line (plain
// commands; AUTH PLAIN, AUTH LOGIN and AUTH NTLM with their blobs inline
// or on the next line). The AUTH paths read the line with ENC_ASCII, which
// turns every such byte into U+FFFD (three bytes of UTF-8), and then cut
// the text at the line's length in bytes. Its tshark output is the CLI
// golden cases *-smtp-non-ascii-commands (node scripts/record-goldens.mjs
// --set cli). From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/smtp/test/make-non-ascii-commands-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { latin1, packets } from '../../../test/support/frame-builders.js';
import { TcpConversation } from '../../../test/support/tcp-conversation.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'non-ascii-commands.pcap');
const server = { ip: [192, 0, 2, 25], port: 25 };

function session(clientPort: number, lines: readonly (readonly [string, string])[]): Uint8Array[] {
  const c = new TcpConversation({ ip: [192, 0, 2, 10], port: clientPort }, server).handshake();
  c.fromServer('220 mx.example.org ESMTP\r\n');
  for (const [command, reply] of lines) {
    c.fromClient(latin1(command));
    c.fromServer(reply);
  }
  return c.close().frames;
}

// "\xe2\x82" is a UTF-8 sequence cut short, "\xc3\xa9" a whole one, "\xff" never valid.
const frames = [
  ...session(40101, [
    ['EHLO h\xc3\xa9te\r\n', '250 mx.example.org\r\n'],
    ['MAIL FROM:<a\xe2\x82b@example.org>\r\n', '250 Ok\r\n'],
    ['RCPT TO:<\xff@example.org>\r\n', '250 Ok\r\n'],
    ['N\xffP\r\n', '500 unknown\r\n'],
    ['AUTH PLAIN ADEyMzQ1Nj\xe2\x82c4QGFvbC5jb20AcGFzc3dk\r\n', '235 Ok\r\n'],
  ]),
  ...session(40102, [
    ['AUTH PLAIN\r\n', '334 \r\n'],
    ['AGFsaWNl\xc3\xa9AHNlY3JldA==\r\n', '235 Ok\r\n'],
  ]),
  ...session(40103, [
    ['AUTH LOGIN YWxp\xe2\x82Y2U=\r\n', '334 UGFzc3dvcmQ6\r\n'],
    ['c2Vj\xffcmV0\r\n', '235 Ok\r\n'],
  ]),
  ...session(40104, [
    ['AUTH LOGIN\r\n', '334 VXNlcm5hbWU6\r\n'],
    ['YWxp\xc3\xa9Y2U=\r\n', '334 UGFzc3dvcmQ6\r\n'],
    ['c2Vj\xe2\x82cmV0\r\n', '235 Ok\r\n'],
  ]),
  ...session(40105, [
    ['AUTH NTLM TlRMTVNT\xffUAAQAAAA==\r\n', '334 TlRMTVNTUAACAAAA\r\n'],
    ['TlRM\xe2\x82TVNTUAADAAAA\r\n', '235 Ok\r\n'],
  ]),
];

const writer = await PcapWriter.open(out, { linktype: 1 });
await writer.writeBatch(packets(frames, 10));
await writer.close();
console.log(`wrote ${out}`);
