import { defineExpert, Group, Severity, type ExpertDef } from './expert.js';
import type { FieldNode } from '../fields/field-node.js';
import type { PacketInfo } from './packet-info.js';

/**
 * Expert items for the session limits core enforces itself (limits.ts);
 * protocols raise their own (tcp.reassembly.limit, pop.data.limit_reached,
 * imap.literal.too_large, ...). Each names the limit and its value, so
 * `-z expert` says which --limit to raise.
 */
export const eiOpenFlowLimit = defineExpert('_ws.limit', '_ws.limit.open_flows', Group.SEQUENCE, Severity.WARN, 'Open-flow limit reached: the longest-idle conversations were forgotten');
export const eiIpFragmentLimit = defineExpert('_ws.limit', '_ws.limit.ip_fragments', Group.REASSEMBLE, Severity.WARN, 'IP fragment limit reached: incomplete datagrams were dropped');

/**
 * Raise `def` on this frame when `reached` says its first pass hit the
 * limit, and again on every later pass (remembered under `key`).
 */
export function reportLimit(pinfo: PacketInfo, node: FieldNode | null, key: string, reached: boolean, def: ExpertDef, message: (pinfo: PacketInfo) => string): void {
  if (!pinfo.visited && reached) pinfo.setFrameData(key, true);
  // The message names the limit's value: formatted only for a frame that reports it (the frame
  // dissector asks on every frame, with a function made once rather than a closure per frame).
  if (pinfo.getFrameData<boolean>(key)) pinfo.expert(node, def, message(pinfo));
}
