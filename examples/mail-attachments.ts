/**
 * Save every mail attachment in a capture (SMTP, POP3 and IMAP transfers)
 * into a folder, decoded from base64 or quoted-printable, and list them.
 *
 *   npx tsx examples/mail-attachments.ts capture.pcap ./attachments
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CaptureReader, DissectionSession, dissectCapture, type ExportedObject, type PacketInfo } from '@netdissect/core';
import { MAIL_ATTACHMENTS_TAP } from '@netdissect/smtp';
import '@netdissect/pop3';
import '@netdissect/imap';

async function main(file: string, dir: string): Promise<void> {
  const session = new DissectionSession();
  const found: ExportedObject[] = [];
  session.addTap(MAIL_ATTACHMENTS_TAP, (_pinfo: PacketInfo, obj: unknown) => found.push(obj as ExportedObject));
  await dissectCapture(await CaptureReader.open(file), session, { tree: null }, () => {});
  mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  for (const a of found) {
    // A name from the mail is untrusted: keep only its last path component, and make it unique.
    let name = basename(a.filename.replace(/\\/g, '/')).replace(/[\x00-\x1f]/g, '_') || `attachment-${a.frame}`;
    for (let n = 1; used.has(name); n++) name = `${n}-${basename(a.filename)}`;
    used.add(name);
    writeFileSync(join(dir, name), a.payload);
    process.stdout.write(`frame ${a.frame}\t${a.contentType}\t${a.payload.length} bytes\t${name}\n`);
  }
  process.stdout.write(`${found.length} attachment${found.length === 1 ? '' : 's'} saved in ${dir}\n`);
}

if (!process.argv[3]) {
  process.stderr.write('usage: npx tsx examples/mail-attachments.ts CAPTURE DIRECTORY\n');
  process.exit(2);
}
await main(process.argv[2]!, process.argv[3]!);
