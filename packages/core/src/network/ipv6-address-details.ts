import { defineFields, FT, BASE, type FieldDef } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import type { Tvb } from '../dissection/tvb.js';

/** What IPv6 addresses embed: 6to4 gateways, Teredo endpoints, SLAAC MACs, ISATAP IPv4s. */
export const ipv6EmbeddedFields = defineFields('ipv6', {
  src6to4Gw: { abbrev: 'ipv6.src_6to4_gw_ipv4', name: 'Source 6to4 Gateway IPv4', type: FT.IPv4 },
  src6to4Sla: { abbrev: 'ipv6.src_6to4_sla_id', name: 'Source 6to4 SLA ID', type: FT.UINT16, base: BASE.DEC },
  dst6to4Gw: { abbrev: 'ipv6.dst_6to4_gw_ipv4', name: 'Destination 6to4 Gateway IPv4', type: FT.IPv4 },
  dst6to4Sla: { abbrev: 'ipv6.dst_6to4_sla_id', name: 'Destination 6to4 SLA ID', type: FT.UINT16, base: BASE.DEC },
  any6to4Gw: { abbrev: 'ipv6.6to4_gw_ipv4', name: '6to4 Gateway IPv4', type: FT.IPv4 },
  any6to4Sla: { abbrev: 'ipv6.6to4_sla_id', name: '6to4 SLA ID', type: FT.UINT16, base: BASE.DEC },
  srcTeredoServer: { abbrev: 'ipv6.src_ts_ipv4', name: 'Source Teredo Server IPv4', type: FT.IPv4 },
  srcTeredoPort: { abbrev: 'ipv6.src_tc_port', name: 'Source Teredo Port', type: FT.UINT16, base: BASE.DEC },
  srcTeredoClient: { abbrev: 'ipv6.src_tc_ipv4', name: 'Source Teredo Client IPv4', type: FT.IPv4 },
  dstTeredoServer: { abbrev: 'ipv6.dst_ts_ipv4', name: 'Destination Teredo Server IPv4', type: FT.IPv4 },
  dstTeredoPort: { abbrev: 'ipv6.dst_tc_port', name: 'Destination Teredo Port', type: FT.UINT16, base: BASE.DEC },
  dstTeredoClient: { abbrev: 'ipv6.dst_tc_ipv4', name: 'Destination Teredo Client IPv4', type: FT.IPv4 },
  anyTeredoServer: { abbrev: 'ipv6.ts_ipv4', name: 'Teredo Server IPv4', type: FT.IPv4 },
  anyTeredoPort: { abbrev: 'ipv6.tc_port', name: 'Teredo Port', type: FT.UINT16, base: BASE.DEC },
  anyTeredoClient: { abbrev: 'ipv6.tc_ipv4', name: 'Teredo Client IPv4', type: FT.IPv4 },
  srcSlaacMac: { abbrev: 'ipv6.src_slaac_mac', name: 'Source SLAAC MAC', type: FT.ETHER },
  dstSlaacMac: { abbrev: 'ipv6.dst_slaac_mac', name: 'Destination SLAAC MAC', type: FT.ETHER },
  anySlaacMac: { abbrev: 'ipv6.slaac_mac', name: 'SLAAC MAC', type: FT.ETHER },
  srcIsatap: { abbrev: 'ipv6.src_isatap_ipv4', name: 'Source ISATAP IPv4', type: FT.IPv4 },
  dstIsatap: { abbrev: 'ipv6.dst_isatap_ipv4', name: 'Destination ISATAP IPv4', type: FT.IPv4 },
  anyIsatap: { abbrev: 'ipv6.isatap_ipv4', name: 'ISATAP IPv4', type: FT.IPv4 },
});

const f = ipv6EmbeddedFields;

/** The directional item is shown (generated); its direction-less twin is hidden, as Wireshark does. */
function pair(t: FieldNode, defs: readonly [FieldDef, FieldDef], tvb: Tvb, off: number, len: number, value: unknown): void {
  t.addGenerated(defs[0], tvb, off, len, value);
  t.addGenerated(defs[1], tvb, off, len, value).setHidden();
}

/** Items for what one address (src or dst, at `off`) carries inside it (RFC 3056, 4380, 4291 app. A, 5214). */
export function addEmbeddedAddressItems(t: FieldNode, tvb: Tvb, off: number, which: 'src' | 'dst'): void {
  const src = which === 'src';
  if (tvb.u16(off) === 0x2002) {
    for (const [gw, sla] of [[src ? f.src6to4Gw : f.dst6to4Gw, src ? f.src6to4Sla : f.dst6to4Sla], [f.any6to4Gw, f.any6to4Sla]] as const) {
      const hide = gw === f.any6to4Gw;
      const a = t.addGenerated(gw, tvb, off + 2, 4, tvb.u32(off + 2));
      const b = t.addGenerated(sla, tvb, off + 6, 2, tvb.u16(off + 6));
      if (hide) {
        a.setHidden();
        b.setHidden();
      }
    }
  }
  if (tvb.u32(off) === 0x20010000) {
    const port = tvb.u16(off + 10) ^ 0xffff;
    const client = (tvb.u32(off + 12) ^ 0xffffffff) >>> 0;
    for (const [server, p, c, hide] of [
      [src ? f.srcTeredoServer : f.dstTeredoServer, src ? f.srcTeredoPort : f.dstTeredoPort, src ? f.srcTeredoClient : f.dstTeredoClient, false],
      [f.anyTeredoServer, f.anyTeredoPort, f.anyTeredoClient, true],
    ] as const) {
      const items = [t.addGenerated(server, tvb, off + 4, 4, tvb.u32(off + 4)), t.addGenerated(p, tvb, off + 10, 2, port), t.addGenerated(c, tvb, off + 12, 4, client)];
      if (hide) for (const i of items) i.setHidden();
    }
  }
  if (tvb.u8(off + 8) & 0x02 && tvb.u16(off + 11) === 0xfffe) {
    const mac = new Uint8Array(6);
    mac.set(tvb.view(off + 8, 3), 0);
    mac.set(tvb.view(off + 13, 3), 3);
    mac[0]! &= ~0x02;
    pair(t, [src ? f.srcSlaacMac : f.dstSlaacMac, f.anySlaacMac], tvb, off + 8, 8, mac);
  }
  if ((tvb.u32(off + 8) & 0xfcffffff) >>> 0 === 0x00005efe) {
    pair(t, [src ? f.srcIsatap : f.dstIsatap, f.anyIsatap], tvb, off + 12, 4, tvb.u32(off + 12));
  }
}
