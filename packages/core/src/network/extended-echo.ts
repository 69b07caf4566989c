// RFC 8335's extended echo (PROBE), which ICMP (types 42, 43) and ICMPv6
// (160, 161) share: the codes, and the sequence number and flag bits after
// the identifier. The interface asked about follows the request as an ICMP
// extension object (icmp-extensions.ts).
import type { Tvb } from '../dissection/tvb.js';
import { BASE, defineFields, FT, TFS_SET_NOTSET, vals } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import { addItem } from '../fields/proto-tree-items.js';

export const extendedEchoRequestCodes = vals({ 0: 'No error' });
export const extendedEchoReplyCodes = vals({ 0: 'No error', 1: 'Malformed Query', 2: 'No Such Interface', 3: 'No Such Table Entry', 4: 'Multiple Interfaces Satisfy Query' });
const states = vals({ 0: 'Reserved', 1: 'Incomplete', 2: 'Reachable', 3: 'Stale', 4: 'Delay', 5: 'Probe', 6: 'Failed' });

/** The fields under `proto` ("icmp" or "icmpv6"); `sequenceName` is how that dissector names the sequence number. */
export function defineExtendedEchoFields(proto: string, sequenceName: string) {
  const p = `${proto}.ext.echo`;
  return defineFields(proto, {
    seq: { abbrev: `${p}.seq`, name: sequenceName, type: FT.UINT8, base: BASE.DEC_HEX },
    reqReserved: { abbrev: `${p}.req.res`, name: 'Reserved', type: FT.UINT8, base: BASE.HEX, bitmask: 0xfe },
    reqLocal: { abbrev: `${p}.req.local`, name: 'Local bit', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x01 },
    rspState: { abbrev: `${p}.rsp.state`, name: 'State', type: FT.UINT8, base: BASE.DEC, bitmask: 0xe0, strings: states },
    rspReserved: { abbrev: `${p}.rsp.res`, name: 'Reserved', type: FT.UINT8, base: BASE.HEX, bitmask: 0x18 },
    rspActive: { abbrev: `${p}.rsp.active`, name: 'Active bit', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x04 },
    rspIpv4: { abbrev: `${p}.rsp.ipv4`, name: 'IPv4 bit', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x02 },
    rspIpv6: { abbrev: `${p}.rsp.ipv6`, name: 'IPv6 bit', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x01 },
  });
}

export type ExtendedEchoFields = ReturnType<typeof defineExtendedEchoFields>;

/** The sequence number (byte 6) and the request's local bit or the reply's state and bits (byte 7). */
export function addExtendedEchoBits(t: FieldNode | null, f: ExtendedEchoFields, tvb: Tvb, request: boolean): void {
  // Checked without a tree too: a message cut before its eighth byte ends here, as in tshark's summary lines.
  addItem(t, f.seq, tvb, 6, 1);
  const bits = request ? [f.reqReserved, f.reqLocal] : [f.rspState, f.rspReserved, f.rspActive, f.rspIpv4, f.rspIpv6];
  for (const def of bits) addItem(t, def, tvb, 7, 1);
}
