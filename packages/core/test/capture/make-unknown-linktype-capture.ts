// Writes captures/unknown-linktype.pcapng: interfaces of link types wiretap
// has no encapsulation for (65535, 296) beside an Ethernet one. A pcap file of
// such a type is refused; in pcapng the frames are read, with encapsulation
// "Unknown (0)", shown as UNKNOWN and handed to the data dissector. Its tshark
// output is the CLI golden cases *-unknown-linktype. From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/capture/make-unknown-linktype-capture.ts
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ethernet, ipv4, latin1, udp } from '../../../../test/support/frame-builders.js';
import { PcapngBuilder } from './pcapng-builder.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'captures');
const query = Uint8Array.of(0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 7, ...latin1('example'), 3, ...latin1('com'), 0, 0, 1, 0, 1);
const dns = ethernet(0x0800, ipv4({ src: [192, 0, 2, 1], dst: [192, 0, 2, 53], protocol: 17, id: 1 }, udp(40000, 53, query)));
const t = 1_700_000_000_000_000n;

const file = new PcapngBuilder()
  .shb()
  .idb(65535, 65535)
  .idb(296, 65535)
  .idb(1, 65535)
  .epb(0, t, dns)
  .epb(1, t + 1000n, dns.subarray(0, 20))
  .epb(2, t + 2000n, dns)
  .epb(0, t + 3000n, new Uint8Array(0))
  .bytes();
writeFileSync(join(dir, 'unknown-linktype.pcapng'), file);
