import type { PacketInfo } from '../dissection/packet-info.js';

/** How deep messages may nest inside messages (message/rfc822 in multipart in ...) before we stop descending. */
const MAX_NESTING = 16;

const depth = new WeakMap<PacketInfo, number>();

/** Enter one more level of IMF/multipart nesting; false when a hostile message nests too deep. */
export function enterNested(pinfo: PacketInfo): boolean {
  const d = depth.get(pinfo) ?? 0;
  if (d >= MAX_NESTING) return false;
  depth.set(pinfo, d + 1);
  return true;
}

export function leaveNested(pinfo: PacketInfo): void {
  depth.set(pinfo, (depth.get(pinfo) ?? 1) - 1);
}
