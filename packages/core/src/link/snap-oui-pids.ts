// SNAP protocol IDs of the OUIs Wireshark 4.0 gives a PID table of their own
// (llc_add_oui): each shows its PID with that table's names, where any other
// OUI's is a bare "Protocol ID". None of the protocols behind them is decoded
// here (their payloads are data), except IEEE 802.1's bridged frames
// (RFC 2684): Ethernet with or without its FCS, and spanning tree BPDUs.
import type { Dissector } from '../dissection/dissector.js';
import { BASE, defineFields, FT, vals } from '../fields/field-def.js';
import type { FieldDef } from '../fields/field-def.js';
import { ethernetWithFcsDissector, ethernetWithoutFcsDissector } from './ethernet.js';
import { stpDissector } from './stp.js';

const pid = (abbrev: string, strings?: Record<number, string>) => ({ abbrev, name: 'PID', type: FT.UINT16, base: BASE.HEX, ...(strings ? { strings: vals(strings) } : {}) }) as const;

export const snapPidFields = defineFields('llc', {
  cisco: pid('llc.cisco_pid', {
    0x0102: 'DRIP', 0x0104: 'PAgP', 0x0105: 'MLS Hello', 0x0108: 'RLQ BPDUs (request)', 0x0109: 'RLQ BPDUs (response)', 0x010b: 'PVSTP+',
    0x010c: 'VLAN Bridge', 0x0111: 'UDLD', 0x0139: 'MCP', 0x2000: 'CDP', 0x2001: 'CGMP', 0x2003: 'VTP', 0x2004: 'DTP', 0x200a: 'STP Uplink Fast',
  }),
  wlccp: pid('llc.wlccp_pid', { 0x0000: 'WLCCP' }),
  appleAtalk: pid('llc.apple_atalk_pid', { 0x809b: 'AppleTalk' }),
  extreme: pid('llc.extreme_pid', { 0x00bb: 'EDP' }),
  force10: pid('llc.force10_pid', { 0x0111: 'FEFD' }),
  nortel: pid('llc.nortel_pid', { 0x01a1: 'NDP flatnet hello', 0x01a2: 'NDP segment hello', 0x01a3: 'NDP bridge hello' }),
  appleAwdl: pid('llc.apple_awdl_pid', { 0x0800: 'AWDL' }),
  bluetooth: pid('llc.bluetooth_pid', {
    0x0001: 'AMP_U L2CAP ACL data', 0x0002: 'AMP-C Activity Report', 0x0003: 'AMP-C Security frames', 0x0004: 'AMP-C Link supervision request',
    0x0005: 'AMP-C Link supervision reply',
  }),
  foundry: pid('llc.foundry_pid', { 0x2000: 'FDP' }),
  iana: pid('llc.iana_pid', {
    0x0001: 'MARS Data Messages (short form)', 0x0002: 'Reserved for future NHRP use', 0x0003: 'MARS/NHRP Control Messages',
    0x0004: 'MARS Data Messages (long form)', 0x0005: 'SCSP', 0x0006: 'VRID', 0x0007: 'L2TP', 0x0008: 'VPN ID', 0x0009: 'MSDP-GRE-Protocol Type',
  }),
  // The Wi-Fi Alliance's table belongs to MAUSB, which names the field.
  wfa: pid('mausb.pid', { 0x1500: 'MAUSB' }),
});

export const OUI_CISCO = 0x00000c;
export const OUI_IEEE_802_1 = 0x0080c2;

/** The OUIs with a PID table of their own, each with its PID field. */
export const snapPidFieldByOui: ReadonlyMap<number, FieldDef> = new Map([
  [OUI_CISCO, snapPidFields.cisco],
  [0x004096, snapPidFields.wlccp],
  [0x080007, snapPidFields.appleAtalk],
  [0x00e02b, snapPidFields.extreme],
  [0x0001e8, snapPidFields.force10],
  [0x000081, snapPidFields.nortel],
  [0x0017f2, snapPidFields.appleAwdl],
  [0x001958, snapPidFields.bluetooth],
  [0x00e052, snapPidFields.foundry],
  [0x00005e, snapPidFields.iana],
  [0x506f9a, snapPidFields.wfa],
]);

type Bridged = { readonly dissector: Dissector; readonly padding: number };
let bridged: ReadonlyMap<number, Bridged> | null = null;

/**
 * What IEEE 802.1's bridged PIDs carry (RFC 2684's 0x0001, 0x0007 and 0x000E) when it is decoded here, after how
 * many bytes of padding. The table is made on first use: Ethernet's module is still loading when this one is
 * (Ethernet -> 802.3 -> LLC -> here).
 */
export function bridgedDissector(pidValue: number): Bridged | undefined {
  bridged ??= new Map([
    [0x0001, { dissector: ethernetWithFcsDissector, padding: 2 }],
    [0x0007, { dissector: ethernetWithoutFcsDissector, padding: 2 }],
    [0x000e, { dissector: stpDissector, padding: 0 }],
  ]);
  return bridged.get(pidValue);
}
