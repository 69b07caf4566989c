/**
 * @netdissect/imap: IMAP as Wireshark 4.0 dissects it (packet-imap.c).
 * Importing this module registers the dissector on TCP port 143.
 */
import { defaultRegistry, makeDissector, type Dissector, type DissectorRegistry } from '@netdissect/core';
import { dissectImap } from './dissect.js';
import { IMAP_TCP_PORT } from './ports.js';

/** The "imap" dissector, for TCP payloads. */
export const imapDissector: Dissector = makeDissector('imap', 'IMAP', dissectImap, ['tls', 'imf', 'data']);

/** Dissect IMAP on another server port too (payloads sent to it are requests). */
export function registerImapPort(port: number, registry: DissectorRegistry = defaultRegistry): void {
  registry.addUint('tcp.port', port, imapDissector);
}

registerImapPort(IMAP_TCP_PORT);

export { dissectImap } from './dissect.js';
export { eiLiteralTooLarge, hfImap, imapFields } from './fields.js';
export { imapLinesOf, type ImapLine } from './lines.js';
export { parseLiteralSize } from './literal-size.js';
export { IMAP_TCP_PORT } from './ports.js';
