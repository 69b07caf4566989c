// Case 5, the library's first pass alone: DissectionSession + dissectCapture
// with no tree (summary columns and cross-frame state for every frame, TCP
// reassembly and all six protocol dissectors), packages imported as the CLI does.
import { statSync } from 'node:fs';
import { CaptureReader, DissectionSession, dissectCapture } from '@netdissect/core';
// The protocol packages the CLI ships (packages/cli/src/protocols.ts); importing registers them.
import '@netdissect/dns';
import '@netdissect/http';
import '@netdissect/ftp';
import '@netdissect/smtp';
import '@netdissect/pop3';
import '@netdissect/imap';
import { cpuNow, reportInProcess } from './in-process-report.mjs';

const path = process.argv[2];
const cpu0 = cpuNow();
const t0 = process.hrtime.bigint();
const session = new DissectionSession();
const reader = await CaptureReader.open(path);
let columnChars = 0;
const packets = await dissectCapture(reader, session, { tree: null }, (frame) => {
  // Read the summary columns, so a lazily built column is paid for here.
  columnChars += frame.pinfo.cols.protocol.length + frame.pinfo.cols.info.length;
});
reportInProcess({ packets, bytes: statSync(path).size, t0, cpu0, extra: { columnChars } });
