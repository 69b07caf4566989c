// Writes captures/tls-decline.pcap: mail sessions that switch to TLS (after
// STARTTLS or STLS, or because a first payload was not text) and then carry
// cleartext again. After the switch tshark hands each payload to TLS, which
// declines one whose first four bytes are printable ASCII (dissect_ssl):
// TCP then gives it to the protocol of the port again. Its tshark output is
// the CLI golden cases *-tls-decline (node scripts/record-goldens.mjs --set
// cli). From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/imap/test/make-tls-decline-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { latin1, packets } from '../../../test/support/frame-builders.js';
import { TcpConversation } from '../../../test/support/tcp-conversation.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'tls-decline.pcap');
const CLIENT = [192, 0, 2, 10];
const SERVER = [192, 0, 2, 20];
const record = Uint8Array.from([0x17, 0x03, 0x03, 0x00, 0x05, 1, 2, 3, 4, 5]);

type Step = readonly [fromClient: boolean, data: string | Uint8Array];

function session(clientPort: number, serverPort: number, steps: readonly Step[]): Uint8Array[] {
  const c = new TcpConversation({ ip: CLIENT, port: clientPort }, { ip: SERVER, port: serverPort }).handshake();
  for (const [fromClient, data] of steps) c.send(fromClient, typeof data === 'string' ? latin1(data) : data);
  return c.close().frames;
}

const frames = [
  // IMAP, TLS started before the capture: a record first, then cleartext lines both ways.
  ...session(50001, 143, [[true, record], [false, '* OK ready\r\n'], [true, 'a1 NOOP\r\n'], [false, record], [false, 'a1 OK done\r\n']]),
  // IMAP whose first line has a tab among its first five bytes (the heuristic takes it for TLS).
  ...session(50002, 143, [[false, '* OK\tIMAP4rev1 ready\r\n'], [true, 'a001 LOGIN bob secret\r\n'], [false, 'a001 OK LOGIN completed\r\n']]),
  // IMAP after an accepted STARTTLS: cleartext, a record, and payloads of four bytes or fewer.
  ...session(50003, 143, [
    [false, '* OK ready\r\n'], [true, 'a1 STARTTLS\r\n'], [false, 'a1 OK Begin TLS\r\n'],
    [true, 'a2 NOOP\r\n'], [false, record], [true, 'a3\r\n'], [true, '\x16\x03ab\r\n'], [false, 'a2 OK\r\n'],
  ]),
  // IMAP after STARTTLS: a record cut across segments, its second part starting with text (as a certificate's
  // names do): TLS asked for it, so it is not declined; cleartext after the record is.
  ...session(50006, 143, [
    [false, '* OK ready\r\n'], [true, 'a1 STARTTLS\r\n'], [false, 'a1 OK Begin TLS\r\n'],
    [false, Uint8Array.of(0x16, 0x03, 0x03, 0x00, 0x2f, ...new Array(10).fill(7))], [false, 'CN=imap.example.org, O=Example Mail\r\n'],
    [true, 'a4 NOOP\r\n'], [false, 'a4 OK\r\n'],
  ]),
  // POP3 after an accepted STLS.
  ...session(50004, 110, [[false, '+OK ready\r\n'], [true, 'STLS\r\n'], [false, '+OK Begin TLS\r\n'], [true, 'USER bob\r\n'], [false, record], [false, '+OK\r\n']]),
  // SMTP after an accepted STARTTLS.
  ...session(50005, 25, [[false, '220 mx ESMTP\r\n'], [true, 'STARTTLS\r\n'], [false, '220 Go ahead\r\n'], [true, 'EHLO client\r\n'], [false, record], [false, '250 mx\r\n']]),
];

const writer = await PcapWriter.open(out, { linktype: 1 });
await writer.writeBatch(packets(frames, 10));
await writer.close();
console.log(`wrote ${out}`);
