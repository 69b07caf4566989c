// The Mobile IP extensions a mobility agent appends to an ICMP router
// advertisement (RFC 5944, RFC 3012), as Wireshark 4.0's
// dissect_mip_extensions shows them: padding, the agent advertisement with
// its flags and care-of addresses, prefix lengths, a challenge, and any other
// type with its content. Read only for a tree (tshark's summary lines never
// look at them), to the end of the message.
import type { Tvb } from '../dissection/tvb.js';
import { BASE, defineFields, FT, TFS_TRUE_FALSE, vals } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import { addBitmask, addItem, addSubtree } from '../fields/proto-tree-items.js';

const PADDING = 0;
const AGENT_ADVERTISEMENT = 16;
const PREFIX_LENGTHS = 19;
const CHALLENGE = 24;

const extensionNames = vals({ 0: 'One byte padding extension', 16: 'Mobility Agent Advertisement Extension', 19: 'Prefix Lengths Extension', 24: 'Challenge Extension' });

const flag = (abbrev: string, name: string, bitmask: number) => ({ abbrev, name, type: FT.BOOLEAN, bitWidth: 16, tfs: TFS_TRUE_FALSE, bitmask }) as const;

export const mobileIpFields = defineFields('icmp', {
  type: { abbrev: 'icmp.mip.type', name: 'Extension Type', type: FT.UINT8, base: BASE.DEC, strings: extensionNames },
  length: { abbrev: 'icmp.mip.length', name: 'Length', type: FT.UINT8, base: BASE.DEC },
  prefixLength: { abbrev: 'icmp.mip.prefixlength', name: 'Prefix Length', type: FT.UINT8, base: BASE.DEC },
  seq: { abbrev: 'icmp.mip.seq', name: 'Sequence Number', type: FT.UINT16, base: BASE.DEC },
  life: { abbrev: 'icmp.mip.life', name: 'Registration Lifetime', type: FT.UINT16, base: BASE.DEC },
  flags: { abbrev: 'icmp.mip.flags', name: 'Flags', type: FT.UINT16, base: BASE.HEX },
  r: flag('icmp.mip.r', 'Registration Required', 0x8000),
  b: flag('icmp.mip.b', 'Busy', 0x4000),
  h: flag('icmp.mip.h', 'Home Agent', 0x2000),
  f: flag('icmp.mip.f', 'Foreign Agent', 0x1000),
  m: flag('icmp.mip.m', 'Minimal Encapsulation', 0x0800),
  g: flag('icmp.mip.g', 'GRE', 0x0400),
  v: flag('icmp.mip.v', 'VJ Comp', 0x0200),
  rt: flag('icmp.mip.rt', 'Reverse tunneling', 0x0100),
  u: flag('icmp.mip.u', 'UDP tunneling', 0x0080),
  x: flag('icmp.mip.x', 'Revocation support', 0x0040),
  reserved: { abbrev: 'icmp.mip.reserved', name: 'Reserved', type: FT.UINT16, base: BASE.HEX, bitmask: 0x003f },
  coa: { abbrev: 'icmp.mip.coa', name: 'Care-Of-Address', type: FT.IPv4 },
  challenge: { abbrev: 'icmp.mip.challenge', name: 'Challenge', type: FT.BYTES },
  content: { abbrev: 'icmp.mip.content', name: 'Content', type: FT.BYTES },
});

const f = mobileIpFields;
const FLAGS = [f.r, f.b, f.h, f.f, f.m, f.g, f.v, f.rt, f.u, f.x, f.reserved];

/** The extensions from `off` to the end of the advertisement, under `tree`. */
export function dissectMobileIpExtensions(tvb: Tvb, off: number, tree: FieldNode): void {
  // tvb_reported_length_remaining: 0 past the captured data, so an extension whose length runs past a cut ends the list.
  while (tvb.reportedRemaining(off) > 0) {
    const type = tvb.u8(off);
    const length = type === PADDING ? 0 : tvb.u8(off + 1);
    const ext = addSubtree(tree, tvb, off, 1, () => `Ext: ${extensionNames.get(type) ?? `Unknown ext ${type}`}`);
    addItem(ext, f.type, tvb, off, 1);
    off += 1;
    if (type !== PADDING) {
      if (ext !== tree) ext?.setLength(length + 2);
      addItem(ext, f.length, tvb, off, 1);
      off += 1;
    }
    switch (type) {
      case PADDING:
        break;
      case AGENT_ADVERTISEMENT: {
        addItem(ext, f.seq, tvb, off, 2);
        addItem(ext, f.life, tvb, off + 2, 2);
        addBitmask(ext, f.flags, tvb, off + 4, 2, tvb.u16(off + 4), FLAGS);
        off += 6;
        // C's integer division: a length under 6 gives no addresses.
        const addresses = Math.trunc((length - 6) / 4);
        for (let i = 0; i < addresses; i++, off += 4) addItem(ext, f.coa, tvb, off, 4);
        break;
      }
      case PREFIX_LENGTHS:
        for (let i = 0; i < length; i++, off += 1) addItem(ext, f.prefixLength, tvb, off, 1);
        break;
      case CHALLENGE:
        addItem(ext, f.challenge, tvb, off, length);
        off += length;
        break;
      default:
        // The content is taken as four bytes shorter than the length says (packet-icmp.c), the offset moved by all of it.
        if (length !== 0) {
          addItem(ext, f.content, tvb, off, length - 4);
          off += length;
        }
    }
  }
}
