import { ConversationType, TlsAfterSwitch, UnfinishedLineMemo, type PacketInfo } from '@netdissect/core';
import { CredentialTracker } from './credentials.js';
import { DelimiterSearchMemo } from './delimiter-search-memo.js';
import { RequestTracker } from './request-tracking.js';

/**
 * What one IMAP connection remembers across frames (imap_state_t plus the
 * request table): the STARTTLS switch, the tag table for request/response
 * links, and logins waiting for their tagged answer. Changed on the first
 * pass only; later passes read it.
 */
export class ImapConversation {
  /** Calls left in which a non-text payload means "TLS already running" (ssl_heur_tries_left). */
  heuristicTriesLeft: number;
  /** A STARTTLS was sent; the next tagged OK switches the connection to TLS. */
  startTlsRequested = false;
  readonly requests = new RequestTracker();
  readonly credentials = new CredentialTracker();
  /** How far the search for the end of an unfinished line got, client to server (0) and back (1). */
  readonly unfinishedLines: readonly [UnfinishedLineMemo, UnfinishedLineMemo] = [new UnfinishedLineMemo(), new UnfinishedLineMemo()];
  /** How far a FETCH response's search for its next delimiter got, in each direction. */
  readonly delimiterSearches: readonly [DelimiterSearchMemo, DelimiterSearchMemo] = [new DelimiterSearchMemo(), new DelimiterSearchMemo()];

  constructor(tlsHeuristic: boolean) {
    this.heuristicTriesLeft = tlsHeuristic ? 2 : 0;
  }

  /** The switch to TLS, which tells the payloads TLS takes after it (null before the switch). */
  tls: TlsAfterSwitch | null = null;
  /** The frame whose payload made the heuristic switch to TLS (0: none). */
  heuristicSwitchFrame = 0;

  /** ssl_starttls: TLS from the frame after `lastCleartextFrame` on; a later call does not move the switch. */
  switchToTls(lastCleartextFrame: number): void {
    this.tls ??= new TlsAfterSwitch(lastCleartextFrame + 1);
  }
}

/** The IMAP state of the frame's TCP conversation, created on first use. */
export function imapConversation(pinfo: PacketInfo): ImapConversation {
  const conv = pinfo.session.conversations.findOrCreate(pinfo.num, ConversationType.TCP, pinfo.src, pinfo.dst, pinfo.srcport, pinfo.dstport);
  let state = conv.data.get('imap') as ImapConversation | undefined;
  if (!state) {
    state = new ImapConversation(pinfo.session.pref('imap.ssl_heuristic', true));
    conv.data.set('imap', state);
  }
  return state;
}
