import type { CredentialRecord, TlsAfterSwitch } from '@netdissect/core';
import { UnitScanMemo } from './unit-scan-memo.js';

/** What the client side of the conversation is sending now. */
export const SmtpState = {
  START: 0,
  READING_CMDS: 1,
  READING_DATA: 2,
  AWAITING_STARTTLS_RESPONSE: 3,
} as const;
export type SmtpState = (typeof SmtpState)[keyof typeof SmtpState];

/** Where an AUTH exchange stands (smtp_auth_state_t). */
export const AuthState = {
  NONE: 0,
  START: 1,
  USERNAME_REQ: 2,
  USERNAME_RSP: 3,
  PASSWORD_REQ: 4,
  PASSWORD_RSP: 5,
  PLAIN_START_REQ: 6,
  PLAIN_CRED_REQ: 7,
  PLAIN_REQ: 8,
  PLAIN_RSP: 9,
  NTLM_REQ: 10,
  NTLM_CHALLENGE: 11,
  NTLM_RSP: 12,
  SUCCESS: 13,
  FAILED: 14,
} as const;
export type AuthState = (typeof AuthState)[keyof typeof AuthState];

/** What a client segment carries, decided on the first pass (smtp_proto_data). */
export const PduType = { CMD: 0, MESSAGE: 1, EOM: 2 } as const;
export type PduType = (typeof PduType)[keyof typeof PduType];

/** Per-frame notes of a client segment, kept for later passes. */
export interface SmtpFrameData {
  pduType: PduType;
  /** The conversation's DATA reassembly id. */
  conversationId: number;
  /** False on the segment that ends a BDAT LAST chunk. */
  moreFrags: boolean;
  /** The first pass asked TCP for more data instead of showing this segment. */
  waiting: boolean;
}

/** An AUTH exchange whose credentials go to the credentials tap (all methods, whatever the decoding preference). */
export interface PendingCredential {
  method: 'AUTH LOGIN' | 'AUTH PLAIN' | 'AUTH CRAM-MD5';
  username: string | null;
  /** The record once reported, so the server's verdict can be filled in. */
  record: CredentialRecord | null;
}

/**
 * SMTP state of one TCP conversation (smtp_session_state). The frame
 * numbers are the last ones seen, as in Wireshark, which also reads them
 * when frames are dissected again.
 */
export class SmtpSession {
  state: SmtpState = SmtpState.START;
  authState: AuthState = AuthState.NONE;
  firstAuthFrame = 0;
  usernameFrame = 0;
  passwordFrame = 0;
  lastAuthFrame = 0;
  username: string | null = null;
  crlfSeen = false;
  dataSeen = false;
  /** BDAT bytes read so far and announced in total. */
  msgReadLen = 0;
  msgTotLen = 0;
  msgLast = true;
  usernameCmdFrame = 0;
  userPassCmdFrame = 0;
  userPassFrame = 0;
  ntlmReqFrame = 0;
  ntlmChaFrame = 0;
  ntlmRspFrame = 0;
  /** The switch to TLS an accepted STARTTLS made, which tells the payloads TLS takes after it (null before). */
  tls: TlsAfterSwitch | null = null;
  /** Credentials being collected for the credentials tap. */
  credential: PendingCredential | null = null;
  /** CRAM-MD5: the server's challenge was seen, the next client line is "user digest". */
  cramMd5Challenged = false;
  cramMd5Started = false;
  /** The walk over an incomplete command (0) or reply (1), to go on with when the next segment arrives. */
  readonly unitScans: readonly [UnitScanMemo, UnitScanMemo] = [new UnitScanMemo(), new UnitScanMemo()];

  constructor(readonly conversationId: number) {}
}
