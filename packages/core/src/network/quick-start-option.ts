// The Quick-Start option (RFC 4782) as IPv4 and IPv6 both carry it: a rate
// request (with its QS TTL and the difference from the packet's TTL or hop
// limit) or a rate report, then the nonce. One set of field definitions per
// protocol prefix (ip.opt.qs_*, ipv6.opt.qs_*), one dissection for both.
import { BASE, FT, vals, type FieldDef } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import type { Tvb } from '../dissection/tvb.js';

export const qsRates = vals({
  0: '0 bit/s', 1: '80 Kbit/s', 2: '160 Kbit/s', 3: '320 Kbit/s', 4: '640 Kbit/s', 5: '1.28 Mbit/s', 6: '2.56 Mbit/s', 7: '5.12 Mbit/s',
  8: '10.24 Mbit/s', 9: '20.48 Mbit/s', 10: '40.96 Mbit/s', 11: '81.92 Mbit/s', 12: '163.84 Mbit/s', 13: '327.68 Mbit/s', 14: '655.36 Mbit/s', 15: '1.31072 Gbit/s',
});
export const qsFunctions = vals({ 0: 'Rate request', 8: 'Rate report' });
export const QS_RATE_REQUEST = 0;
export const QS_RATE_REPORT = 8;

/** The Quick-Start fields under `prefix` ("ip.opt" or "ipv6.opt"), to spread into a protocol's defineFields. */
export function quickStartFieldDefs(prefix: string) {
  return {
    qsFunc: { abbrev: `${prefix}.qs_func`, name: 'Function', type: FT.UINT8, base: BASE.DEC, strings: qsFunctions, bitmask: 0xf0 },
    qsRate: { abbrev: `${prefix}.qs_rate`, name: 'Rate', type: FT.UINT8, base: BASE.DEC, strings: qsRates, bitmask: 0x0f },
    qsTtl: { abbrev: `${prefix}.qs_ttl`, name: 'QS TTL', type: FT.UINT8, base: BASE.DEC },
    qsTtlDiff: { abbrev: `${prefix}.qs_ttl_diff`, name: 'TTL Diff', type: FT.UINT8, base: BASE.DEC },
    qsUnused: { abbrev: `${prefix}.qs_unused`, name: 'Not Used', type: FT.UINT8, base: BASE.DEC },
    qsNonce: { abbrev: `${prefix}.qs_nonce`, name: 'QS Nonce', type: FT.UINT32, base: BASE.HEX, bitmask: 0xfffffffc },
    qsReserved: { abbrev: `${prefix}.qs_reserved`, name: 'Reserved', type: FT.UINT32, base: BASE.HEX, bitmask: 0x00000003 },
  } as const;
}

/** The defined fields quickStartFieldDefs describes. */
export interface QuickStartFields {
  readonly qsFunc: FieldDef; readonly qsRate: FieldDef; readonly qsTtl: FieldDef; readonly qsTtlDiff: FieldDef;
  readonly qsUnused: FieldDef; readonly qsNonce: FieldDef; readonly qsReserved: FieldDef;
}

/**
 * The option's value from its command byte at `at` under `item` (null without a tree): the fields, and the rate
 * (with the QS TTL and its difference from `ttl` for a request) appended to the item's label.
 */
export function addQuickStart(item: FieldNode | null, f: QuickStartFields, tvb: Tvb, at: number, ttl: number): void {
  const command = tvb.u8(at);
  const fn = command >> 4;
  const rate = () => qsRates.get(command & 0x0f) ?? `Unknown (${command & 0x0f})`;
  item?.addItem(f.qsFunc, tvb, at, 1);
  if (fn === QS_RATE_REQUEST) {
    item?.addItem(f.qsRate, tvb, at, 1);
    // The QS TTL is read after the function and the rate are shown, with a tree or without: an option cut before it fails there.
    const qsTtl = tvb.u8(at + 1);
    if (!item) return;
    const ttlDiff = (ttl - qsTtl) & 0xff;
    if (item.ctx.full) item.appendText(`, ${rate()}, QS TTL ${qsTtl}, QS TTL diff ${ttlDiff}`);
    item.addItem(f.qsTtl, tvb, at + 1, 1);
    item.addGenerated(f.qsTtlDiff, tvb, at + 1, 1, ttlDiff);
  } else if (fn === QS_RATE_REPORT) {
    if (!item) return;
    if (item.ctx.full) item.appendText(`, ${rate()}`);
    item.addItem(f.qsRate, tvb, at, 1);
    item.addItem(f.qsUnused, tvb, at + 1, 1);
  } else {
    return;
  }
  item.addItem(f.qsNonce, tvb, at + 2, 4);
  item.addItem(f.qsReserved, tvb, at + 2, 4);
}
