import type { FieldNode, PacketInfo, Tvb } from '@netdissect/core';
import { dataForFrame, type FtpControlState, type FtpDataState } from './conversation-state.js';
import { ftpFields } from './fields.js';

/** The gap between first and last data frame in ms, rounded as packet-ftp.c does (C integer division). */
function durationMs(st: FtpDataState): number {
  const seconds = (st.lastSec - st.firstSec) | 0;
  const nseconds = (st.lastNsec - st.firstNsec) | 0;
  return (seconds * 1000 + Math.trunc((nseconds + 500000) / 1000000)) >>> 0;
}

/** (guint) of a double, as x86-64 converts it: through a 64-bit integer, 0 for infinities. */
function toGuint(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 63) return 0;
  return Number(BigInt.asUintN(32, BigInt(Math.trunc(x))));
}

/**
 * On later passes, what the data connection of this frame's command did:
 * shown on the command frame (frames, bytes, first/last frame, duration,
 * bitrate, setup frame) and on the setup frame (command and its frame).
 */
export function showCommandResponse(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, control: FtpControlState): void {
  if (!pinfo.visited || tree === null) return;
  const link = dataForFrame(pinfo, control);
  if (!link) return;
  const st = link.st;
  if (pinfo.num === link.commandFrame) {
    tree.addGenerated(ftpFields.responseFrames, tvb, 0, 0, st.framesSeen);
    tree.addGenerated(ftpFields.responseBytes, tvb, 0, 0, st.bytesSeen);
    tree.addGenerated(ftpFields.responseFirstFrame, tvb, 0, 0, st.firstFrame);
    tree.addGenerated(ftpFields.responseLastFrame, tvb, 0, 0, st.lastFrame);
    if (st.framesSeen > 1) {
      const ms = durationMs(st);
      tree.addGenerated(ftpFields.responseDuration, tvb, 0, 0, ms);
      tree.addGenerated(ftpFields.responseBitrate, tvb, tvb.length, 0, toGuint((st.bytesSeen * 8.0) / ((ms | 0) / 1000.0) / 1000));
    }
    tree.addGenerated(ftpFields.setupFrame, tvb, 0, 0, st.setupFrame);
  }
  if (pinfo.num === st.setupFrame) {
    tree.addGenerated(ftpFields.command, tvb, 0, 0, link.command);
    tree.addGenerated(ftpFields.commandFrame, tvb, 0, 0, link.commandFrame);
  }
}
