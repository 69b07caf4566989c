import { ConversationType, makeDissector, textLinesDissector, type FieldNode, type PacketInfo, type TcpInfo, type Tvb } from '@netdissect/core';
import { secondPassCommand, type FtpDataState } from './conversation-state.js';
import { ftpDataFields, hfFtpData } from './fields.js';
import { FTP_EO_TAP, FtpTransfer, isFileTransferCommand, transferFileName } from './ftp-transfer.js';

/** Bytes looked at to decide whether the data is text worth showing line by line. */
const TEXT_PROBE = 20;

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(TEXT_PROBE, bytes.length);
  for (let i = 0; i < n; i++) {
    const c = bytes[i]!;
    if (c !== 0x0d && c !== 0x0a && (c < 0x20 || c > 0x7e)) return false;
  }
  return true;
}

/** First-pass statistics the command frame shows later (ftp.command-response.*). */
function countFrame(pinfo: PacketInfo, st: FtpDataState, reported: number, setupFrame: number): void {
  const raw = pinfo.raw;
  if (!st.firstFrame) {
    st.firstFrame = pinfo.num;
    st.firstSec = raw.tsSec;
    st.firstNsec = raw.tsNsec;
  }
  if (pinfo.num > st.lastFrame) {
    st.lastFrame = pinfo.num;
    st.lastSec = raw.tsSec;
    st.lastNsec = raw.tsNsec;
  }
  st.framesSeen++;
  st.bytesSeen += reported;
  st.setupFrame = setupFrame;
}

/**
 * Add this frame's bytes to the file a STOR or RETR sends, and report the
 * file on the ftp_eo tap on its first data frame; only while someone listens.
 */
function exportData(pinfo: PacketInfo, st: FtpDataState, command: string, tvb: Tvb, tcp: TcpInfo | undefined): void {
  if (!isFileTransferCommand(command) || !pinfo.session.taps.has(FTP_EO_TAP)) return;
  if (st.transfer === null) {
    const maxBytes = Math.floor(Number(pinfo.session.pref('ftp-data.export.maxsize', 0)) * 1024 * 1024);
    st.transfer = new FtpTransfer(pinfo.num, pinfo.src.toString(), transferFileName(command), maxBytes);
  }
  st.transfer.add(`${pinfo.num}:${tcp?.seq ?? 0}`, tvb.view(0, tvb.length));
  if (pinfo.num === st.transfer.frame) pinfo.tap(FTP_EO_TAP, st.transfer);
}

/**
 * FTP-DATA (packet-ftp.c's dissect_ftpdata): the bytes of a data
 * connection, linked to the control frames that announced it and sent
 * its command; text is shown line by line.
 */
function dissectFtpData(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): number {
  const length = tvb.length;
  const cols = pinfo.cols;
  cols.setProtocol('FTP-DATA');
  cols.setInfo(`FTP Data: ${tvb.reported} bytes`);
  const top = tree?.addProtocol(hfFtpData, tvb, 0, length) ?? null;
  const conv = pinfo.session.conversations.find(pinfo.num, ConversationType.TCP, pinfo.src, pinfo.dst, pinfo.srcport, pinfo.dstport);
  if (conv) {
    tree?.addGenerated(ftpDataFields.setupFrame, tvb, 0, 0, conv.setupFrame);
    const st = conv.data.get('ftp-data') as FtpDataState | undefined;
    if (st) {
      if (!pinfo.visited) countFrame(pinfo, st, tvb.reported, conv.setupFrame);
      tree?.addGenerated(ftpDataFields.setupMethod, tvb, 0, 0, st.setupMethod);
      cols.appendInfo(` (${st.setupMethod})`);
      const quirk = secondPassCommand(pinfo, st);
      const command = quirk?.line ?? st.command;
      if (command !== null) {
        tree?.addGenerated(ftpDataFields.command, tvb, 0, 0, command);
        cols.appendInfo(` (${command})`);
        tree?.add(ftpDataFields.commandFrame, tvb, 0, 0, quirk?.frame ?? st.commandFrame);
      }
      tree?.addGenerated(ftpDataFields.currentWorkingDirectory, tvb, 0, 0, st.cwd.path);
      if (command !== null) exportData(pinfo, st, command, tvb, data as TcpInfo | undefined);
    }
  }
  if (top !== null && top !== tree && top.ctx.full) top.appendText(` (${length} bytes data)`);
  if (looksLikeText(tvb.view(0, length))) pinfo.call(textLinesDissector, tvb, tree);
  return length;
}

export const ftpDataDissector = makeDissector('ftp-data', 'FTP-DATA', dissectFtpData, ['data-text-lines']);
