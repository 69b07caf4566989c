import type { FieldDef } from '../fields/field-def.js';

/**
 * Protocols whose fields a frame's tree holds, on any pass, only when the
 * frame's layers (PacketInfo.layers, frame.protocols) name one of the
 * protocols listed: the protocol itself, or another whose dissector adds
 * its fields (mDNS and LLMNR add dns.*, SSDP http.*, SMTP after STARTTLS
 * smtp.*). Protocols not listed may have fields in frames without a layer
 * of their own (pkt_comment, eth padding under another link layer,
 * data-text-lines and mime_multipart inside IMF), or have not been checked:
 * field-layers.test.ts holds every entry to the corpus captures.
 */
const LAYERS_OF_FIELDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['tcp', ['tcp']],
  ['udp', ['udp']],
  ['arp', ['arp']],
  // ICMP's multi-part extensions (icmp.ext.*) are under ICMPv6 too, kept where ICMP's handle declined them.
  ['icmp', ['icmp', 'icmpv6']],
  ['icmpv6', ['icmpv6']],
  ['dns', ['dns', 'mdns', 'llmnr']],
  ['http', ['http', 'ssdp']],
  ['smtp', ['smtp', 'smtps']],
  ['imf', ['imf']],
  ['pop', ['pop']],
  ['imap', ['imap']],
  ['ftp', ['ftp']],
  ['ftp-data', ['ftp-data']],
]);

/**
 * The layers at least one of which a frame holds whenever its tree holds
 * one of `fields`, or null when that cannot be said (a field of a protocol
 * not listed above: frame.*, _ws.*, ...). A pass that needs a frame only
 * if it holds one of `fields` (a display filter no frame passes without
 * them) may leave out the frames whose first-pass layers name none of these.
 */
export function layersHoldingFields(fields: Iterable<FieldDef>): Set<string> | null {
  const layers = new Set<string>();
  for (const def of fields) {
    const names = LAYERS_OF_FIELDS.get(def.proto);
    if (names === undefined) return null;
    for (const n of names) layers.add(n);
  }
  return layers;
}

/**
 * The layers a frame's first pass must name for the frame to pass a
 * display filter reading `fields` (layersHoldingFields), or null when any
 * frame might pass: the filter passes frames holding none of its fields
 * (`!dns`), or reads fields of protocols not listed. Frames whose revisit
 * does not follow their first-pass layers (PacketInfo.revisitRegardlessOfLayers)
 * must be tested whatever their layers.
 */
export function layersToPassFilter(fields: Iterable<FieldDef>, passesWithoutFields: boolean): Set<string> | null {
  return passesWithoutFields ? null : layersHoldingFields(fields);
}

/** Whether `layers` (a frame's, in dissection order) names one of `wanted`. */
export function holdsLayerOf(layers: readonly string[], wanted: ReadonlySet<string>): boolean {
  for (const l of layers) if (wanted.has(l)) return true;
  return false;
}
