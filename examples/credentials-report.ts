/**
 * Which passwords crossed the network in the clear: every FTP, HTTP Basic,
 * SMTP AUTH, POP3 and IMAP login in a capture, and whether the server
 * accepted it — the report a lab on cleartext protocols ends with.
 *
 *   npx tsx examples/credentials-report.ts capture.pcap
 */
import { CaptureReader, CREDENTIALS_TAP, DissectionSession, dissectCapture, type CredentialRecord, type PacketInfo } from '@netdissect/core';
import '@netdissect/ftp';
import '@netdissect/http';
import '@netdissect/smtp';
import '@netdissect/pop3';
import '@netdissect/imap';

async function main(file: string): Promise<void> {
  const session = new DissectionSession();
  const seen: CredentialRecord[] = [];
  session.addTap(CREDENTIALS_TAP, (_pinfo: PacketInfo, rec: unknown) => seen.push(rec as CredentialRecord));
  await dissectCapture(await CaptureReader.open(file), session, { tree: null }, () => {});
  if (seen.length === 0) {
    process.stdout.write('No cleartext credentials found.\n');
    return;
  }
  // `accepted` is filled in when the server's reply is dissected, so read it after the pass.
  for (const c of seen) {
    const verdict = c.accepted === null ? 'no reply seen' : c.accepted ? 'accepted' : 'rejected';
    process.stdout.write(`frame ${c.frame}\t${c.protocol} ${c.method}\t${c.client} -> ${c.server}\tuser ${JSON.stringify(c.username)}\tpassword ${JSON.stringify(c.password)}\t${verdict}\n`);
  }
  const protocols = [...new Set(seen.map((c) => c.protocol))].join(', ');
  process.stdout.write(`${seen.length} login${seen.length === 1 ? '' : 's'} sent in the clear (${protocols}).\n`);
}

if (!process.argv[2]) {
  process.stderr.write('usage: npx tsx examples/credentials-report.ts CAPTURE\n');
  process.exit(2);
}
await main(process.argv[2]);
