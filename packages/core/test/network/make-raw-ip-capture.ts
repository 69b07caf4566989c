// Writes captures/raw-ip.pcap (link type 101, raw IP): an IPv4 and an IPv6
// packet, an IPv6 UDP datagram whose length field is zero, the ten zero
// bytes an ISDN link that is down sends before an IPv4 packet, and frames
// too short for packet-raw.c's checks for old Linux PPP and ISDN headers (it
// reads bytes 6 and 7 before it looks at the version).
// Its tshark output is the CLI golden cases *-raw-ip (node
// scripts/record-goldens.mjs --set cli). From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-raw-ip-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { concat, ipv4, ipv6, packets, udp } from '../../../../test/support/frame-builders.js';

// LINKTYPE_RAW: raw IPv4 or IPv6, no link header.
const LINKTYPE_RAW = 101;
const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'raw-ip.pcap');
const payload = Uint8Array.from([0x68, 0x65, 0x6c, 0x6c, 0x6f]);
const v4 = ipv4({ protocol: 17, src: [10, 0, 0, 1], dst: [10, 0, 0, 2], id: 0x42 }, udp(40000, 9, payload));
const v6 = ipv6({ nextHeader: 17, src: [0xfd, 0, ...new Array<number>(13).fill(0), 1], dst: [0xfd, 0, ...new Array<number>(13).fill(0), 2] }, udp(40001, 9, payload));

// A UDP length of zero over IPv6 says "jumbogram" (RFC 2675), which a datagram this small cannot be.
const zeroLength = udp(40002, 9, payload);
zeroLength[4] = 0;
zeroLength[5] = 0;
const v6ZeroLength = ipv6({ nextHeader: 17, src: [0xfd, 0, ...new Array<number>(13).fill(0), 1], dst: [0xfd, 0, ...new Array<number>(13).fill(0), 2] }, zeroLength);

const frames = [
  v4,
  v6,
  v6ZeroLength,
  concat(new Uint8Array(10), v4),
  // Six and seven bytes: shorter than the PPP check's read; eight bytes: long enough, and then an IPv6 header cut short.
  v6.subarray(0, 6),
  v4.subarray(0, 7),
  v6.subarray(0, 8),
];

const writer = await PcapWriter.open(out, { linktype: LINKTYPE_RAW });
await writer.writeBatch(packets(frames, 1000).map((p) => ({ ...p, linktype: LINKTYPE_RAW })));
await writer.close();
console.log(`wrote ${out}`);
