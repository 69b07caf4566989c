/**
 * @netdissect/pop3: the Post Office Protocol (RFC 1939) as Wireshark 4.0
 * dissects it. Importing it registers POP on TCP port 110.
 */
import { defaultRegistry } from '@netdissect/core';
import { POP_TCP_PORT, popDissector } from './dissect.js';

export { hfPop, popFields, popDataFragmentFields, popExpert } from './fields.js';
export { POP_TCP_PORT, popDissector } from './dissect.js';
export { POP3_MESSAGE_TAP, type RetrievedMessage } from './retrieved-message.js';
export { unstuffDotLines } from './dot-stuffing.js';
export { decodeSaslPlain } from './pop-credentials.js';

defaultRegistry.addUint('tcp.port', POP_TCP_PORT, popDissector);
