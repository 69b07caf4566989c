#!/usr/bin/env node
// Writes test/fixtures/ftp-edge-cases.pcap: one scripted FTP session over
// Ethernet/IPv4 exercising what the corpus lacks (NAT'd PASV, relative CWD,
// CDUP, bad PWD/EPRT replies, EPSV leniencies, PORT from port 20, EPRT whose
// data connection is not linked, pipelined commands, non-ASCII text), and
// test/fixtures/ftp-dangling-announcement.pcap: its start, cut after a PASV
// whose data connection came but whose command was not captured (tshark's
// second pass then links the session's first request to it).
// Usage (after `npx tsc -b`): node packages/ftp/scripts/make-edge-case-capture.mjs
import { PcapWriter } from '@netdissect/core';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');

const CLIENT = [10, 0, 0, 2];
const SERVER = [10, 0, 0, 1];
const NATTED = [10, 0, 0, 9];
const FIN = 0x01, SYN = 0x02, PSH = 0x08, ACK = 0x10;

const packets = [];
let clock = 1_700_000_000_000_000; // microseconds
let ipId = 1;

function frame(src, dst, sport, dport, seq, ack, flags, payload) {
  const b = new Uint8Array(14 + 20 + 20 + payload.length);
  const v = new DataView(b.buffer);
  b.set([0, 0x11, 0x22, 0x33, 0x44, dst[3]], 0);
  b.set([0, 0x11, 0x22, 0x33, 0x44, src[3]], 6);
  v.setUint16(12, 0x0800);
  v.setUint8(14, 0x45);
  v.setUint16(16, 40 + payload.length);
  v.setUint16(18, ipId++);
  v.setUint16(20, 0x4000);
  v.setUint8(22, 64);
  v.setUint8(23, 6);
  b.set(src, 26);
  b.set(dst, 30);
  let sum = 0;
  for (let i = 14; i < 34; i += 2) sum += v.getUint16(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  v.setUint16(24, ~sum & 0xffff);
  v.setUint16(34, sport);
  v.setUint16(36, dport);
  v.setUint32(38, seq >>> 0);
  v.setUint32(42, ack >>> 0);
  v.setUint8(46, 0x50);
  v.setUint8(47, flags);
  v.setUint16(48, 65535);
  b.set(payload, 54);
  clock += 10_000;
  packets.push({ no: packets.length + 1, tsSec: Math.floor(clock / 1e6), tsNsec: (clock % 1e6) * 1000, tsPrecision: 6, caplen: b.length, len: b.length, linktype: 1, interfaceId: 0, bytes: b, dataOffset: -1 });
}

/** A TCP connection from a (client side) to b (server side), with its handshake. */
function connect(a, aport, b, bport) {
  const c = { a, aport, b, bport, seqA: 1000, seqB: 5000 };
  frame(a, b, aport, bport, c.seqA++, 0, SYN, new Uint8Array(0));
  frame(b, a, bport, aport, c.seqB++, c.seqA, SYN | ACK, new Uint8Array(0));
  frame(a, b, aport, bport, c.seqA, c.seqB, ACK, new Uint8Array(0));
  return c;
}

const bytesOf = (s) => (typeof s === 'string' ? Uint8Array.from(Buffer.from(s, 'latin1')) : s);

function send(c, fromA, data) {
  const p = bytesOf(data);
  if (fromA) {
    frame(c.a, c.b, c.aport, c.bport, c.seqA, c.seqB, PSH | ACK, p);
    c.seqA += p.length;
  } else {
    frame(c.b, c.a, c.bport, c.aport, c.seqB, c.seqA, PSH | ACK, p);
    c.seqB += p.length;
  }
}

function close(c) {
  frame(c.b, c.a, c.bport, c.aport, c.seqB++, c.seqA, FIN | ACK, new Uint8Array(0));
  frame(c.a, c.b, c.aport, c.bport, c.seqA++, c.seqB, FIN | ACK, new Uint8Array(0));
  frame(c.b, c.a, c.bport, c.aport, c.seqB, c.seqA, ACK, new Uint8Array(0));
}

const ctl = connect(CLIENT, 40000, SERVER, 21);
const req = (s) => send(ctl, true, s);
const rep = (s) => send(ctl, false, s);

rep('220 edge cases\r\n');
req('USER bob\r\n');
rep('331 Password required\r\n');
req('PASS wrong\r\n');
rep('530 Login incorrect.\r\n');
req('USER alice\r\n');
rep('331 Password required\r\n');
req('PASS secret\r\n');
rep('230-Welcome\r\n230 Logged in\r\n');
// PASV naming another address (NAT); the listing then comes while the cwd is set in place.
req('PASV\r\n');
rep('227 Entering passive mode. 10,0,0,9,4,1\r\n');
req('CWD pub\r\n');
rep('250 ok\r\n');
req('LIST\r\n');
rep('150 Here it comes\r\n');
const list = connect(CLIENT, 40001, NATTED, 1025);
send(list, false, '-rw-r--r-- 1 a b 3 Jan 1 x\r\ndrwxr-xr-x 2 a b 4096 Jan 1 y\r\n');
close(list);
rep('226 done\r\n');
req('CWD ../x/./y\r\n');
rep('250 ok\r\n');
req('CDUP\r\n');
rep('250 ok\r\n');
req('PWD\r\n');
rep('257 no quotes here\r\n');
req('PWD\r\n');
rep('257 "/srv/""q""" is current directory\r\n');
// EPRT names the client as both ends: its data connection is not recognised (as in tshark).
req('EPRT |1|10.0.0.2|5001|\r\n');
rep('200 EPRT ok\r\n');
req('RETR a b.bin\r\n');
rep('150 Opening BINARY mode\r\n');
const eprtData = connect(SERVER, 20, CLIENT, 5001);
send(eprtData, true, Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff));
close(eprtData);
rep('226 done\r\n');
req('EPRT |x|bad|\r\n');
rep('500 bad\r\n');
req('EPSV\r\n');
rep('229 Entering Extended Passive Mode (|||70000|)\r\n');
req('EPSV\r\n');
rep('229 Entering Extended Passive Mode (5002)\r\n');
req('EPSV\r\n');
rep('229 Entering Extended Passive Mode (|||5003|)\r\n');
req('STOR up.txt\r\n');
rep('150 Ok to send data\r\n');
const stor = connect(CLIENT, 40002, SERVER, 5003);
send(stor, true, 'hello\r\n');
send(stor, true, 'world\r\n');
close(stor);
rep('226 Transfer complete\r\n');
req('PORT 10,0,0,2,19,138\r\n');
rep('200 PORT ok\r\n');
req('NLST\r\n');
rep('150 Here comes the list\r\n');
const nlst = connect(SERVER, 20, CLIENT, 5002);
send(nlst, true, 'a\r\nb\r\n');
close(nlst);
rep('226\r\n');
req('TYPE I\r\nNOOP\r\n');
rep('200 ok\r\n200 ok\r\n');
req(Uint8Array.from([...Buffer.from('RETR caf'), 0xc3, 0xa9, 0x0d, 0x0a]));
rep('550 No such file\r\n');
req('QUIT\r\n');
rep('221 bye\r\n');
close(ctl);

async function write(name, list) {
  const w = await PcapWriter.open(join(fixtures, name));
  for (const [i, p] of list.entries()) await w.write({ ...p, no: i + 1 });
  await w.close();
  console.log(`${name}: ${list.length} packets`);
}

await write('ftp-edge-cases.pcap', packets);
// Frames 1-14 (up to the NAT'd PASV reply) and 19-25 (its data connection).
await write('ftp-dangling-announcement.pcap', [...packets.slice(0, 14), ...packets.slice(18, 25)]);
