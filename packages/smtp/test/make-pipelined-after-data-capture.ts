// Writes captures/pipelined-after-data.pcap: SMTP sessions whose client
// sends commands in the segment that ends a message (".\r\n" and more).
// packet-smtp.c stops reading a segment at the end-of-message line: what
// follows in it is neither shown nor read, so a pipelined DATA there does
// not make the next segment message data. Its tshark output is the CLI
// golden cases *-smtp-pipelined-after-data (node scripts/record-goldens.mjs
// --set cli). From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/smtp/test/make-pipelined-after-data-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { packets } from '../../../test/support/frame-builders.js';
import { TcpConversation } from '../../../test/support/tcp-conversation.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'pipelined-after-data.pcap');
const server = { ip: [192, 0, 2, 25], port: 25 };

function session(clientPort: number, afterMessage: string, next: string): Uint8Array[] {
  const c = new TcpConversation({ ip: [192, 0, 2, 10], port: clientPort }, server).handshake();
  c.fromServer('220 mx.example.org ESMTP\r\n');
  c.fromClient('EHLO client.example.org\r\n');
  c.fromServer('250 mx.example.org\r\n');
  c.fromClient('MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n');
  c.fromServer('250 Ok\r\n250 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n');
  c.fromClient('Subject: first\r\n\r\nbody one\r\n');
  c.fromClient(`.\r\n${afterMessage}`);
  c.fromServer('250 Ok: queued\r\n');
  c.fromClient(next);
  c.fromServer('221 Bye\r\n');
  return c.close().frames;
}

const frames = [
  // The end of the message and QUIT in one segment (as in the corpus's mail_receiver_server_3).
  ...session(40001, 'QUIT\r\n', 'NOOP\r\n'),
  // A second transaction pipelined after the "." (RFC 2920): its DATA is not seen, so the next segment is read as commands.
  ...session(40002, 'MAIL FROM:<a@example.org>\r\nRCPT TO:<c@example.org>\r\nDATA\r\n', 'Subject: second\r\n\r\nbody two\r\n.\r\n'),
];

const writer = await PcapWriter.open(out, { linktype: 1 });
await writer.writeBatch(packets(frames, 10));
await writer.close();
console.log(`wrote ${out}`);
