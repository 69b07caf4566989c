#!/usr/bin/env node
// The lab captures with their servers moved to the ports labs often give them
// (a web server on 8000, pyftpdlib's FTP on 2121, SMTP on 2525, POP3 on 1100,
// IMAP on 1430, a resolver on 5300): the same real traffic, read with Decode As
// (`netdissect -d tcp.port==8000,http`) as tshark reads it with the same -d.
// Each TCP or UDP port equal to the server's is rewritten and its checksum
// adjusted by the change (RFC 1624), so a checksum that was right stays right
// (the lab's are the partial sums checksum offload leaves, as captured).
// Writes next to this script.
// usage: node test/lab-traffic/other-ports/renumber-ports.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const captures = join(here, '..', 'captures');

/** Each renumbered capture: its source, and the server port moved. */
const RENUMBERED = [
  { from: 'lab-http.pcap', to: 'lab-http-8000.pcap', port: 80, newPort: 8000 },
  { from: 'lab-ftp-passive.pcap', to: 'lab-ftp-passive-2121.pcap', port: 21, newPort: 2121 },
  { from: 'lab-smtp.pcap', to: 'lab-smtp-2525.pcap', port: 25, newPort: 2525 },
  { from: 'lab-pop3.pcap', to: 'lab-pop3-1100.pcap', port: 110, newPort: 1100 },
  { from: 'lab-imap.pcap', to: 'lab-imap-1430.pcap', port: 143, newPort: 1430 },
  { from: 'lab-dns.pcap', to: 'lab-dns-5300.pcap', port: 53, newPort: 5300 },
];

const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;

/** RFC 1624 eqn. 3: the checksum after one 16-bit word changed from m to m2. */
function adjustedChecksum(hc, m, m2) {
  let sum = (~hc & 0xffff) + (~m & 0xffff) + m2;
  sum = (sum & 0xffff) + (sum >>> 16);
  sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** Where the transport header of an Ethernet frame starts, and its protocol; null for anything else. */
function transportHeader(p) {
  if (p.length < 14) return null;
  const ethertype = p.readUInt16BE(12);
  if (ethertype === 0x0800 && p.length >= 34) {
    // A fragment after the first carries no ports.
    if ((p.readUInt16BE(20) & 0x1fff) !== 0) return null;
    return { at: 14 + (p[14] & 0x0f) * 4, proto: p[23], v6: false };
  }
  // The lab's IPv6 traffic has no extension headers before TCP and UDP.
  if (ethertype === 0x86dd && p.length >= 54) return { at: 54, proto: p[20], v6: true };
  return null;
}

function renumber(packet, port, newPort) {
  const t = transportHeader(packet);
  if (!t || (t.proto !== IPPROTO_TCP && t.proto !== IPPROTO_UDP)) return;
  const checksumAt = t.at + (t.proto === IPPROTO_TCP ? 16 : 6);
  if (packet.length < checksumAt + 2) return;
  for (const at of [t.at, t.at + 2]) {
    if (packet.readUInt16BE(at) !== port) continue;
    packet.writeUInt16BE(newPort, at);
    const hc = packet.readUInt16BE(checksumAt);
    // A UDP checksum of 0 over IPv4 means none was computed.
    if (t.proto === IPPROTO_UDP && !t.v6 && hc === 0) continue;
    let sum = adjustedChecksum(hc, port, newPort);
    if (t.proto === IPPROTO_UDP && sum === 0) sum = 0xffff;
    packet.writeUInt16BE(sum, checksumAt);
  }
}

for (const { from, to, port, newPort } of RENUMBERED) {
  const file = Buffer.from(readFileSync(join(captures, from)));
  if (file.readUInt32LE(0) !== 0xa1b2c3d4 || file.readUInt32LE(20) !== 1) throw new Error(`${from}: expected a little-endian microsecond pcap of Ethernet frames`);
  for (let off = 24; off + 16 <= file.length; ) {
    const caplen = file.readUInt32LE(off + 8);
    renumber(file.subarray(off + 16, off + 16 + caplen), port, newPort);
    off += 16 + caplen;
  }
  writeFileSync(join(here, to), file);
  console.log(`${to}: ${from} with port ${port} moved to ${newPort}`);
}
