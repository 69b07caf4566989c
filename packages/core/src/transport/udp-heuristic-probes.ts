import { makeDissector } from '../dissection/dissector.js';
import { defaultRegistry } from '../dissection/session.js';

/**
 * The first two of Wireshark 4.0's UDP heuristics, which it tries on every
 * payload no port claims (its list runs in reverse order of registration:
 * Wake-on-LAN, then WireGuard, then the others, DNS far down). netdissect
 * dissects neither protocol; it makes their first reads, so that a datagram
 * the snapshot length cut short ends where tshark's does, named as tshark
 * names it ("[Packet size limited during capture: WireGuard truncated]",
 * the layer in frame.protocols). They then always decline.
 */

/** packet-wol.c: 102 bytes or more, and the sync stream's six bytes read; all ones, the target's MAC copied. */
export const wakeOnLanProbe = makeDissector('wol', 'WOL', (tvb) => {
  if (tvb.reported < 102) return 0;
  tvb.check(0, 6);
  for (let i = 0; i < 6; i++) if (tvb.u8(i) !== 0xff) return 0;
  tvb.check(6, 6);
  return 0;
});

/** packet-wireguard.c: four bytes or more, the message type and the three reserved bytes read. */
export const wireGuardProbe = makeDissector('wg', 'WireGuard', (tvb) => {
  if (tvb.reported < 4) return 0;
  tvb.check(0, 4);
  return 0;
});

defaultRegistry.addHeuristic('udp', wakeOnLanProbe, 'Wake On LAN (first reads only)');
defaultRegistry.addHeuristic('udp', wireGuardProbe, 'WireGuard (first reads only)');
