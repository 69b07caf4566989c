import { CREDENTIALS_TAP, type CredentialRecord, type PacketInfo, type TcpInfo } from '@netdissect/core';
import type { FtpControlState } from './conversation-state.js';

const FRAME_KEY = 'ftp.credential';

/** USER: the first user name of the connection is the one reported with its passwords. */
export function noteUser(control: FtpControlState, name: string): void {
  if (control.username === null) control.username = name;
}

/**
 * PASS after a USER: one credential record, reported on the credentials
 * tap whenever this frame is dissected (the same record each time).
 */
export function reportPass(pinfo: PacketInfo, control: FtpControlState | null, password: string, tcp: TcpInfo | undefined): void {
  let record = pinfo.getFrameData<CredentialRecord>(FRAME_KEY);
  if (!record && !pinfo.visited && control?.username != null) {
    record = {
      frame: pinfo.num,
      protocol: 'FTP',
      method: 'USER/PASS',
      client: pinfo.src.toString(),
      server: pinfo.dst.toString(),
      username: control.username,
      password,
      stream: tcp?.stream ?? -1,
      accepted: null,
    };
    pinfo.setFrameData(FRAME_KEY, record);
    control.pendingCredential = record;
  }
  if (record) pinfo.tap(CREDENTIALS_TAP, record);
}

/** A reply settles the last PASS: 230 accepts it, 530 refuses it (first pass). */
export function settleLogin(control: FtpControlState, code: number): void {
  const record = control.pendingCredential;
  if (record === null || (code !== 230 && code !== 530)) return;
  record.accepted = code === 230;
  control.pendingCredential = null;
}
