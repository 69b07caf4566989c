import type { PacketInfo } from '@netdissect/core';

/**
 * Messages HTTP read through without recognising anything (no first line,
 * no request seen yet: the bytes go to "data" with no HTTP item). Wireshark
 * still queues an "http" tap record for each ("Other HTTP Packets" in -z
 * http,tree), though frame.protocols shows neither layer: the statistics,
 * which read frames dissected with a tree, count them from here. Noted only
 * when dissecting with a tree (the only time "no HTTP item" says it), and
 * only for frames that had one.
 */
const unrecognised = new WeakMap<PacketInfo, number>();

export function noteUnrecognisedHttpMessage(pinfo: PacketInfo): void {
  unrecognised.set(pinfo, (unrecognised.get(pinfo) ?? 0) + 1);
}

/** How many messages of this frame HTTP read through without recognising them. */
export function unrecognisedHttpMessages(pinfo: PacketInfo): number {
  return unrecognised.get(pinfo) ?? 0;
}
