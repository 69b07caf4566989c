import { ConversationType, type Address, type Conversation, type CredentialRecord, type Dissector, type PacketInfo } from '@netdissect/core';
import type { FtpTransfer } from './ftp-transfer.js';
import { WorkingDirectory } from './working-directory.js';

/** How a data connection was announced, as ftp-data.setup-method shows it. */
export type SetupMethod = 'PORT' | 'PASV' | 'EPRT' | 'EPASV';

/**
 * One announced data connection: what it answers and, filled in by
 * FTP-DATA on the first pass, what was seen on it.
 */
export class FtpDataState {
  /** The first request line after the announcement (e.g. "RETR robots.txt"). */
  command: string | null = null;
  commandFrame = 0;
  /** The data conversation's setup frame, noted when its first data arrives. */
  setupFrame = 0;
  firstFrame = 0;
  firstSec = 0;
  firstNsec = 0;
  lastFrame = 0;
  lastSec = 0;
  lastNsec = 0;
  framesSeen = 0;
  bytesSeen = 0;
  /** The exported file, once a listener asked for it. */
  transfer: FtpTransfer | null = null;

  constructor(
    readonly control: FtpControlState,
    readonly setupMethod: SetupMethod,
    readonly cwd: WorkingDirectory,
  ) {}
}

/** First-pass state of one control connection. */
export class FtpControlState {
  lastCommand: string | null = null;
  /** The connection's first request line and frame (see secondPassCommand). */
  firstRequest: { readonly line: string; readonly frame: number } | null = null;
  cwd = new WorkingDirectory('');
  /** The data connection announced last, waiting for its command. */
  currentData: FtpDataState | null = null;
  currentDataSetupFrame = 0;
  /** The first USER of the connection, as Wireshark keeps it. */
  username: string | null = null;
  /** The last PASS, until the server accepts or refuses it. */
  pendingCredential: CredentialRecord | null = null;
}

/** State shared by all FTP connections of a session. */
interface FtpSessionState {
  /** Data connections by the frames that announced them or sent their command (kept only for sessions that revisit frames). */
  readonly dataByFrame: Map<number, FtpDataState>;
  /** Expected conversations, some maybe matched by a connection since (for the session limit). */
  pending: Conversation[];
  /** Length of `pending` at which the matched ones are next taken out. */
  pruneAt: number;
}

/** The smallest list of expected conversations worth pruning. */
const MIN_PRUNE = 64;

export function ftpSessionState(pinfo: PacketInfo): FtpSessionState {
  return pinfo.session.state<FtpSessionState>('ftp', () => ({ dataByFrame: new Map(), pending: [], pruneAt: MIN_PRUNE }));
}

/** The control connection's state, created with its conversation if need be. */
export function controlState(pinfo: PacketInfo): FtpControlState {
  const conv = pinfo.session.conversations.findOrCreate(pinfo.num, ConversationType.TCP, pinfo.src, pinfo.dst, pinfo.srcport, pinfo.dstport);
  let st = conv.data.get('ftp') as FtpControlState | undefined;
  if (!st) conv.data.set('ftp', (st = new FtpControlState()));
  return st;
}

/**
 * Expect a data connection between addrA:portA and addrB (any port),
 * dissected as FTP-DATA and linked to this control connection (first
 * pass only). Returns false when the session limit on expected
 * connections refuses it.
 */
export function announceDataConnection(
  pinfo: PacketInfo,
  control: FtpControlState,
  ftpData: Dissector,
  addrA: Address,
  portA: number,
  addrB: Address,
  method: SetupMethod,
): boolean {
  const session = ftpSessionState(pinfo);
  const limit = pinfo.session.limits.ftpMaxExpectedConnections;
  // Matched connections (their port is known now) leave the list once it has doubled since the last
  // pruning: kept until the limit, they held on to forgotten conversations and grew with the capture.
  if (session.pending.length >= Math.min(session.pruneAt, limit)) {
    session.pending = session.pending.filter((c) => c.portB === -1);
    session.pruneAt = Math.max(MIN_PRUNE, 2 * session.pending.length);
  }
  if (session.pending.length >= limit) return false;
  const conv = pinfo.session.conversations.expect(pinfo.num, ConversationType.TCP, addrA, portA, addrB, ftpData);
  session.pending.push(conv);
  const data = new FtpDataState(control, method, control.cwd);
  conv.data.set('ftp-data', data);
  control.currentData = data;
  control.currentDataSetupFrame = pinfo.num;
  return true;
}

/** A request line arrived (first pass): it is the command of a data connection still waiting for one. */
export function attachCommand(pinfo: PacketInfo, control: FtpControlState, line: string): void {
  control.firstRequest ??= { line, frame: pinfo.num };
  const data = control.currentData;
  if (data === null || data.command !== null) return;
  data.command = line;
  data.commandFrame = pinfo.num;
  // Read back only on later passes (showCommandResponse); one pass would keep an entry per transfer.
  if (!pinfo.session.keepHistory) return;
  const byFrame = ftpSessionState(pinfo).dataByFrame;
  byFrame.set(pinfo.num, data);
  byFrame.set(control.currentDataSetupFrame, data);
}

/**
 * tshark -2 quirk: packet-ftp.c attaches commands on its second pass too, so
 * a data connection that got none on the first pass (the last one
 * announced, never followed by a request) takes the connection's first
 * request line. Worked out from first-pass state, so any revisit order
 * gives tshark's sequential result.
 */
export function secondPassCommand(pinfo: PacketInfo, st: FtpDataState): { readonly line: string; readonly frame: number } | null {
  if (!pinfo.visited || st.command !== null || st.control.currentData !== st) return null;
  return st.control.firstRequest;
}

/** The data connection whose command or setup this control frame shows on later passes. */
export function dataForFrame(pinfo: PacketInfo, control: FtpControlState): { st: FtpDataState; command: string; commandFrame: number } | null {
  const dangling = control.currentData;
  const quirk = dangling ? secondPassCommand(pinfo, dangling) : null;
  // The quirk's entries replace whatever the frames were linked to before, as in tshark's table.
  if (dangling && quirk && (pinfo.num === quirk.frame || pinfo.num === control.currentDataSetupFrame)) return { st: dangling, command: quirk.line, commandFrame: quirk.frame };
  const st = ftpSessionState(pinfo).dataByFrame.get(pinfo.num);
  return st && st.command !== null ? { st, command: st.command, commandFrame: st.commandFrame } : null;
}
