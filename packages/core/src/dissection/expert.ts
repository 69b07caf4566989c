import { defineFields, defineProtocol, fieldRegistry, vals, type FieldDef } from '../fields/field-def.js';
import { FT, BASE } from '../fields/field-types.js';
import type { FieldNode } from '../fields/field-node.js';

export const Severity = {
  COMMENT: 0x00100000,
  CHAT: 0x00200000,
  NOTE: 0x00400000,
  WARN: 0x00600000,
  ERROR: 0x00800000,
} as const;

export const Group = {
  CHECKSUM: 0x01000000,
  SEQUENCE: 0x02000000,
  RESPONSE_CODE: 0x03000000,
  REQUEST_CODE: 0x04000000,
  UNDECODED: 0x05000000,
  REASSEMBLE: 0x06000000,
  MALFORMED: 0x07000000,
  DEBUG: 0x08000000,
  PROTOCOL: 0x09000000,
  SECURITY: 0x0a000000,
  COMMENTS_GROUP: 0x0b000000,
  DECRYPTION: 0x0c000000,
  ASSUMPTION: 0x0d000000,
  DEPRECATED: 0x0e000000,
} as const;

export const severityNames = vals({
  [Severity.ERROR]: 'Error',
  [Severity.WARN]: 'Warning',
  [Severity.NOTE]: 'Note',
  [Severity.CHAT]: 'Chat',
  [Severity.COMMENT]: 'Comment',
});

export const groupNames = vals({
  [Group.CHECKSUM]: 'Checksum',
  [Group.SEQUENCE]: 'Sequence',
  [Group.RESPONSE_CODE]: 'Response',
  [Group.REQUEST_CODE]: 'Request',
  [Group.UNDECODED]: 'Undecoded',
  [Group.REASSEMBLE]: 'Reassemble',
  [Group.MALFORMED]: 'Malformed',
  [Group.DEBUG]: 'Debug',
  [Group.PROTOCOL]: 'Protocol',
  [Group.SECURITY]: 'Security',
  [Group.COMMENTS_GROUP]: 'Comment',
  [Group.DECRYPTION]: 'Decryption',
  [Group.ASSUMPTION]: 'Assumption',
  [Group.DEPRECATED]: 'Deprecated',
});

export const hfExpertProto = defineProtocol('_ws.expert', 'Expert Info');
export const hfMalformed = defineProtocol('_ws.malformed', 'Malformed Packet');
export const hfShort = defineProtocol('_ws.short', 'Short Frame');
export const hfUnreassembled = defineProtocol('_ws.unreassembled', 'Unreassembled Fragmented Packet');
export const hfExpert = defineFields('_ws.expert', {
  message: { abbrev: '_ws.expert.message', name: 'Message', type: FT.STRING },
  group: { abbrev: '_ws.expert.group', name: 'Group', type: FT.UINT32, base: BASE.NONE, strings: groupNames },
  severity: { abbrev: '_ws.expert.severity', name: 'Severity level', type: FT.UINT32, base: BASE.NONE, strings: severityNames },
});

/** An expert-info kind a dissector can raise (Wireshark's ei_register_info entry). */
export interface ExpertDef {
  /** Filterable field, e.g. "tcp.analysis.retransmission"; null for message-only items. */
  readonly field: FieldDef | null;
  readonly group: number;
  readonly severity: number;
  readonly summary: string;
}

export function defineExpert(proto: string, abbrev: string, group: number, severity: number, summary: string): ExpertDef {
  const field = fieldRegistry.define(proto, { abbrev, name: summary, type: FT.NONE });
  return { field, group, severity, summary };
}

/** What the expert-info list of a frame holds (feeds -z expert, colouring and the TUI). */
export interface ExpertItem {
  readonly frame: number;
  readonly severity: number;
  readonly group: number;
  readonly protocol: string;
  readonly summary: string;
  readonly field: string | null;
}

/**
 * Builds the "[Expert Info (Sev/Group): message]" subtree under `node`,
 * as expert.c does, and returns nothing: the list entry is recorded by
 * the caller (PacketInfo.expert).
 */
export function addExpertTree(node: FieldNode, def: ExpertDef, message: string): void {
  // Only a labelled tree shows the label (a pruned one without labels never reads it).
  const label = node.ctx.full ? `Expert Info (${severityNames.get(def.severity)}/${groupNames.get(def.group)}): ${message}` : undefined;
  const top = node.addProtocol(hfExpertProto, null, 0, 0, label);
  top.setGenerated();
  if (def.group === Group.MALFORMED) node.addHidden(hfMalformed, null, 0, 0, null);
  if (def.field) {
    top.add(def.field, null, 0, 0, null).setText(message).setGenerated();
    top.addHidden(hfExpert.message, null, 0, 0, message);
  } else {
    top.addGenerated(hfExpert.message, null, 0, 0, message);
  }
  top.addGenerated(hfExpert.severity, null, 0, 0, def.severity).setValueText(severityNames.get(def.severity) ?? 'Unknown');
  top.addGenerated(hfExpert.group, null, 0, 0, def.group).setValueText(groupNames.get(def.group) ?? 'Unknown');
}

/** A string field whose bytes go on after the NUL that ended it (proto.c's ei_string_trailing_characters). */
export const eiTrailingStray = defineExpert('_ws.string', '_ws.string.trailing_stray_characters', Group.UNDECODED, Severity.WARN, 'Trailing stray characters');
