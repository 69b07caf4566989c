// Writes captures/arp.pcap: the ARP a lab host sends and hears besides a
// plain request and reply: an ARP probe and announcement when it takes an
// address (RFC 5227), a gratuitous ARP reply, a reply from a second MAC for
// the same address (a duplicate in use), RARP, opcodes nobody assigned or
// with a name only,
// a request over another hardware type, and headers cut short. Its tshark output is the CLI
// golden cases *-arp (node scripts/record-goldens.mjs --set cli). From the
// repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-arp-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { ethernet, packets } from '../../../../test/support/frame-builders.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'arp.pcap');

const HOST_MAC = [0x02, 0, 0, 0, 0, 0x02];
const OTHER_MAC = [0x02, 0, 0, 0, 0, 0x03];
const ROUTER_MAC = [0x02, 0, 0, 0, 0, 0x01];
const BROADCAST = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
const ZERO_MAC = [0, 0, 0, 0, 0, 0];
const HOST = [192, 168, 1, 20];
const ROUTER = [192, 168, 1, 1];
const NONE = [0, 0, 0, 0];

/** An ARP packet over Ethernet/IPv4 (hardware type 1, protocol 0x0800), or RARP with ethertype 0x8035. */
function arp(opcode: number, srcMac: number[], dst: number[], sha: number[], spa: number[], tha: number[], tpa: number[], ethertype = 0x0806, htype = 1): Uint8Array {
  const body = [0, htype, 0x08, 0x00, 6, 4, 0, opcode, ...sha, ...spa, ...tha, ...tpa];
  while (body.length < 46) body.push(0);
  return ethernet(ethertype, Uint8Array.from(body), { src: srcMac, dst });
}

const frames = [
  // A plain request and its reply.
  arp(1, HOST_MAC, BROADCAST, HOST_MAC, HOST, ZERO_MAC, ROUTER),
  arp(2, ROUTER_MAC, HOST_MAC, ROUTER_MAC, ROUTER, HOST_MAC, HOST),
  // RFC 5227: a probe (sender address 0.0.0.0), then an announcement (sender and target the host's address).
  arp(1, HOST_MAC, BROADCAST, HOST_MAC, NONE, ZERO_MAC, HOST),
  arp(1, HOST_MAC, BROADCAST, HOST_MAC, HOST, ZERO_MAC, HOST),
  // A gratuitous reply, then another host claiming the same address.
  arp(2, HOST_MAC, BROADCAST, HOST_MAC, HOST, BROADCAST, HOST),
  arp(2, OTHER_MAC, BROADCAST, OTHER_MAC, HOST, BROADCAST, HOST),
  // Reverse ARP request and reply.
  arp(3, HOST_MAC, BROADCAST, HOST_MAC, NONE, HOST_MAC, NONE, 0x8035),
  arp(4, ROUTER_MAC, HOST_MAC, ROUTER_MAC, ROUTER, HOST_MAC, HOST, 0x8035),
  // An opcode nobody assigned, the rest of the registry's kinds (reserved 0, ATMARP's NAK, MAPOS UNARP, a MARS
  // request, the last experimental one), and a request over IEEE 802 hardware (type 6).
  arp(99, HOST_MAC, BROADCAST, HOST_MAC, HOST, ZERO_MAC, ROUTER),
  arp(0, HOST_MAC, BROADCAST, HOST_MAC, HOST, ZERO_MAC, ROUTER),
  arp(10, HOST_MAC, BROADCAST, HOST_MAC, HOST, ZERO_MAC, ROUTER),
  arp(23, HOST_MAC, BROADCAST, HOST_MAC, HOST, ZERO_MAC, ROUTER),
  arp(11, HOST_MAC, BROADCAST, HOST_MAC, HOST, ZERO_MAC, ROUTER),
  arp(25, HOST_MAC, BROADCAST, HOST_MAC, HOST, ZERO_MAC, ROUTER),
  arp(1, HOST_MAC, BROADCAST, HOST_MAC, HOST, ZERO_MAC, ROUTER, 0x0806, 6),
  // Headers the capture cut short after 4, 5 and 7 bytes: each shows the fields it has.
  ...[4, 5, 7].map((n) => arp(1, HOST_MAC, BROADCAST, HOST_MAC, HOST, ZERO_MAC, ROUTER).subarray(0, 14 + n)),
  // DRARP errors: the status ("moved") in the first byte of the target protocol address, and a status with no name.
  arp(7, ROUTER_MAC, HOST_MAC, ROUTER_MAC, ROUTER, HOST_MAC, [4, 0, 0, 0], 0x8035),
  arp(7, ROUTER_MAC, HOST_MAC, ROUTER_MAC, ROUTER, HOST_MAC, [9, 0, 0, 0], 0x8035),
  // Hardware that is not Ethernet (Frame Relay, 15): its addresses are plain hex in Info.
  arp(2, HOST_MAC, BROADCAST, HOST_MAC, HOST, BROADCAST, ROUTER, 0x0806, 15),
  arp(3, HOST_MAC, BROADCAST, HOST_MAC, NONE, HOST_MAC, NONE, 0x8035, 15),
];
// Cut by the snapshot length: MAPOS UNARP inside its sender's hardware address, MARS inside the sender's
// protocol address (Info, which names both, cannot be written), replies inside their target's protocol address.
const snapCuts: Array<[Uint8Array, number]> = [
  [arp(23, HOST_MAC, BROADCAST, HOST_MAC, HOST, ZERO_MAC, ROUTER), 14 + 12],
  [arp(11, HOST_MAC, BROADCAST, HOST_MAC, HOST, ZERO_MAC, ROUTER), 14 + 16],
  [arp(2, ROUTER_MAC, HOST_MAC, ROUTER_MAC, ROUTER, HOST_MAC, HOST), 14 + 26],
  // Another MAC claiming the router's address, cut in its target's: the sender's conflict is reported first.
  [arp(2, OTHER_MAC, HOST_MAC, OTHER_MAC, ROUTER, HOST_MAC, HOST), 14 + 26],
];
const records = packets([...frames, ...snapCuts.map(([bytes]) => bytes)], 1000);
snapCuts.forEach(([, caplen], i) => {
  const r = records[frames.length + i]!;
  r.caplen = caplen;
  r.bytes = r.bytes.subarray(0, caplen);
});

const writer = await PcapWriter.open(out);
await writer.writeBatch(records);
await writer.close();
console.log(`wrote ${out}`);
