import { addItem } from '@netdissect/core';
import { ei, f } from './fields.js';
import type { DnsRData } from './message-types.js';
import { addressDecoders } from './rdata-addresses.js';
import { rawRData, type RdataContext, type RdataDecoder } from './rdata-context.js';
import { dnssecDecoders } from './rdata-dnssec.js';
import { ednsDecoders } from './edns-options.js';
import { keyDecoders } from './rdata-keys.js';
import { locationDecoders } from './rdata-location.js';
import { nameRecordDecoders } from './rdata-name-records.js';
import { serviceDecoders } from './rdata-services.js';
import { textDecoders } from './rdata-text.js';

const decoders = new Map<number, RdataDecoder>([
  ...addressDecoders,
  ...nameRecordDecoders,
  ...textDecoders,
  ...serviceDecoders,
  ...locationDecoders,
  ...dnssecDecoders,
  ...keyDecoders,
  ...ednsDecoders,
]);

/** A type Wireshark 4.0 does not decode: flagged, and its bytes shown as dns.data. */
const undecoded = (type: number): RdataDecoder => (c, off, len) => {
  c.pinfo.expert(c.item, ei.undecodedOption, `Dissector for DNS Type (${type}) code not implemented, Contact Wireshark developers if you want this supported`);
  addItem(c.tree, f.data, c.tvb, off, len);
  return rawRData(c, off, len);
};

/** Decode the RDATA of a record of `type` (RDLENGTH `len` > 0) at `off`. */
export function decodeRData(c: RdataContext, type: number, off: number, len: number): DnsRData {
  return (decoders.get(type) ?? undecoded(type))(c, off, len);
}
