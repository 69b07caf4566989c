import { defaultRegistry, defineProtocol, makeDissector, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';
import { httpConversation } from './conversation-state.js';
import { dissectHttpMessage } from './message.js';

export const hfSsdp = defineProtocol('ssdp', 'Simple Service Discovery Protocol');

/** UDP port of UPnP's discovery protocol. */
export const SSDP_UDP_PORT = 1900;

const SSDP = { tag: 'SSDP', def: hfSsdp };

/** dissect_ssdp: one HTTP-formatted message per datagram (NOTIFY, M-SEARCH and their answers). */
function dissectSsdp(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  const hc = httpConversation(pinfo);
  const shown = { value: false };
  dissectHttpMessage(tvb, 0, { pinfo, tree, conversation: hc, state: hc.stateFor(pinfo), endOfStream: false, tcp: null, shown, protocol: SSDP });
  // A datagram that is no HTTP message adds nothing to the tree: call_dissector_work then leaves SSDP out of
  // frame.protocols, and the data layer it called with it.
  pinfo.dropLayerIfNothingAdded('ssdp', tree, shown.value);
  return tvb.length;
}

// Its messages are HTTP's, bodies and all.
export const ssdpDissector = makeDissector('ssdp', 'SSDP', dissectSsdp, ['http', 'table:media_type', 'heuristics:http', 'media', 'data']);

defaultRegistry.addUint('udp.port', SSDP_UDP_PORT, ssdpDissector);
