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
  dissectHttpMessage(tvb, 0, { pinfo, tree, conversation: hc, state: hc.stateFor(pinfo), endOfStream: false, tcp: null, shown: { value: false }, protocol: SSDP });
  return tvb.length;
}

// Its messages are HTTP's, bodies and all.
export const ssdpDissector = makeDissector('ssdp', 'SSDP', dissectSsdp, ['http', 'table:media_type', 'heuristics:http', 'media', 'data']);

defaultRegistry.addUint('udp.port', SSDP_UDP_PORT, ssdpDissector);
