/**
 * ARP's duplicate address detection (packet-arp.c's
 * check_for_duplicate_addresses): each IPv4 address is bound to the MAC
 * address that first claimed it; a later frame claiming it from another
 * MAC is reported, with the frame of the earlier claim — an address
 * conflict on a lab LAN, as Wireshark flags it.
 */
import { defineFields, FT, BASE } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import { formatEther, formatIPv4 } from '../dissection/address.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';

export const arpDuplicateFields = defineFields('arp', {
  frame: { abbrev: 'arp.duplicate-address-frame', name: 'Frame showing earlier use of IP address', type: FT.FRAMENUM },
  seconds: { abbrev: 'arp.seconds-since-duplicate-address-frame', name: 'Seconds since earlier frame seen', type: FT.UINT32, base: BASE.DEC },
});
const eiDuplicate = defineExpert('arp', 'arp.duplicate-address-detected', Group.SEQUENCE, Severity.WARN, 'Duplicate IP address configured');

/** Who claimed an address, and when last. */
interface Binding {
  mac: string;
  frame: number;
  sec: number;
}

/**
 * Addresses tracked at most: a capture of spoofed ARP cannot grow the table
 * without bound (Wireshark keeps every one); addresses first seen past it
 * are not checked.
 */
const MAX_BINDINGS = 65_536;

/**
 * Check `ip` claimed by the MAC at `macOff`; on a conflict add the report
 * under `tree` (the frame's root, as Wireshark does) and return true. The
 * first pass decides, and a later dissection of the frame shows the same.
 */
export function checkForDuplicateAddress(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, macOff: number, ip: number): boolean {
  const mac = formatEther(tvb.bytes, tvb.start + macOff);
  let results = pinfo.getFrameData<Map<number, Binding>>('arp.duplicates');
  let earlier: Binding | undefined;
  if (pinfo.visited) {
    earlier = results?.get(ip);
  } else {
    const bindings = pinfo.session.state('arp.bindings', () => new Map<number, Binding>());
    const bound = bindings.get(ip);
    if (bound === undefined) {
      if (bindings.size < MAX_BINDINGS) bindings.set(ip, { mac, frame: pinfo.num, sec: pinfo.raw.tsSec });
    } else if (pinfo.num > bound.frame) {
      if (bound.mac === mac) {
        bound.frame = pinfo.num;
        bound.sec = pinfo.raw.tsSec;
      } else {
        // The binding stays the first claimant's: each later claim from another MAC is reported against it.
        earlier = { ...bound };
        if (!results) pinfo.setFrameData('arp.duplicates', (results = new Map()));
        results.set(ip, earlier);
      }
    }
  }
  if (earlier === undefined) return false;
  const address = formatIPv4(ip);
  if (tree) {
    const d = tree.addText(tvb, 0, 0, `Duplicate IP address detected for ${address} (${mac}) - also in use by ${earlier.mac} (frame ${earlier.frame})`).setGenerated();
    const f = d.addGenerated(arpDuplicateFields.frame, tvb, 0, 0, earlier.frame);
    pinfo.expert(f, eiDuplicate, `Duplicate IP address configured (${address})`);
    d.addGenerated(arpDuplicateFields.seconds, tvb, 0, 0, (pinfo.raw.tsSec - earlier.sec) >>> 0);
  } else {
    pinfo.expert(null, eiDuplicate, `Duplicate IP address configured (${address})`);
  }
  return true;
}
