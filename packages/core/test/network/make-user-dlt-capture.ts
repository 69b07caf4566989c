// Writes captures/user-dlt.pcap: Ethernet frames stored under link type 147
// (DLT_USER0), as a capture tool's private encapsulation. With no DLT_USER
// table, tshark 4.0 shows each as "User encapsulation not handled" and data
// (encapsulation "USER 0", frame.encap_type 45). Its tshark output is the CLI
// golden cases *-user-dlt (node scripts/record-goldens.mjs --set cli). From
// the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-user-dlt-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { ethernet, ipv4, latin1, packets, udp } from '../../../../test/support/frame-builders.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'user-dlt.pcap');
const LINKTYPE_USER0 = 147;

const frames = [
  ethernet(0x0800, ipv4({ src: [10, 0, 0, 1], dst: [10, 0, 0, 2], protocol: 17, id: 1 }, udp(40000, 9, latin1('private')))),
  Uint8Array.of(0xde, 0xad, 0xbe, 0xef),
];

const writer = await PcapWriter.open(out, { linktype: LINKTYPE_USER0 });
await writer.writeBatch(packets(frames, 1000).map((p) => ({ ...p, linktype: LINKTYPE_USER0 })));
await writer.close();
console.log(`wrote ${out}`);
