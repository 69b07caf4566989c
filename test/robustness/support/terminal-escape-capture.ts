/**
 * The terminal-escape capture: an HTTP exchange with escapes in the URI
 * and headers, an SMTP mail with escapes in its Subject, and an FTP
 * session with escapes in file names. fixtures/robustness/terminal-escapes.pcap
 * is this, written by record-tshark-goldens.ts.
 */
import { latin1 } from '../../support/frame-builders.js';
import { TcpConversation } from '../../support/tcp-conversation.js';

/** Clear screen, set clipboard (OSC 52), set window title (OSC 0 ... BEL), and a C1 CSI. */
export const ESCAPES = {
  clear: '\x1b[2J',
  clipboard: '\x1b]52;c;cHduZWQ=\x07',
  title: '\x1b]0;title\x07',
  c1: '\xc2\x9b31m',
} as const;

const E = ESCAPES;
const client = { ip: [192, 0, 2, 1], port: 0 };
const server = { ip: [192, 0, 2, 2], port: 0 };

export function terminalEscapeFrames(): Uint8Array[] {
  const http = new TcpConversation({ ...client, port: 40001 }, { ...server, port: 80 }).handshake()
    .fromClient(latin1(`GET /a${E.clear}b HTTP/1.1\r\nHost: example.com\r\nUser-Agent: ua${E.title}x\r\nX-Evil: ${E.clipboard}${E.c1}end\r\n\r\n`))
    .fromServer(latin1(`HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Reply: ${E.title}${E.clear}\r\n\r\nhello`));
  const smtp = new TcpConversation({ ...client, port: 40002 }, { ...server, port: 25 }).handshake()
    .fromServer('220 mail.example.com ESMTP\r\n')
    .fromClient('EHLO client\r\n')
    .fromServer('250 mail.example.com\r\n')
    .fromClient('MAIL FROM:<a@example.com>\r\n')
    .fromServer('250 OK\r\n')
    .fromClient('RCPT TO:<b@example.com>\r\n')
    .fromServer('250 OK\r\n')
    .fromClient('DATA\r\n')
    .fromServer('354 go ahead\r\n')
    .fromClient(latin1(`From: a@example.com\r\nTo: b@example.com\r\nSubject: hi${E.title}${E.clear}there${E.clipboard}\r\n\r\nbody ${E.clear}\r\n.\r\n`))
    .fromServer('250 queued\r\n')
    .fromClient('QUIT\r\n')
    .fromServer('221 bye\r\n');
  const ftp = new TcpConversation({ ...client, port: 40003 }, { ...server, port: 21 }).handshake()
    .fromServer('220 FTP ready\r\n')
    .fromClient('USER anonymous\r\n')
    .fromServer('331 password please\r\n')
    .fromClient('PASS guest\r\n')
    .fromServer('230 logged in\r\n')
    .fromClient(latin1(`RETR evil${E.clear}name${E.clipboard}.txt\r\n`))
    .fromServer(latin1(`550 evil${E.clear}name${E.clipboard}.txt: no such file\r\n`))
    .fromClient(latin1(`STOR ${E.title}${E.c1}x.txt\r\n`))
    .fromServer('553 not allowed\r\n');
  return [...http.frames, ...smtp.frames, ...ftp.frames];
}
