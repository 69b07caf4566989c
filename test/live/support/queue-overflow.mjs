// Back-pressure as seen through @netdissect/live: capture with a queue of 10
// packets, send 50 without consuming any, then read what was kept.
// Prints one JSON line: the stats after the burst and the frames delivered.
// Usage: node queue-overflow.mjs INTERFACE DESTINATION
import { createSocket } from 'node:dgram';
import { openLiveCapture } from '@netdissect/live';

const [device, destination] = process.argv.slice(2);
const SENT = 50;
const capture = await openLiveCapture({ interface: device, filter: 'udp dst port 9999', queueLimits: { packets: 10 } });

const socket = createSocket('udp4');
for (let i = 0; i < SENT; i++) {
  await new Promise((resolve, reject) => socket.send(Buffer.from(`packet ${i}`), 9999, destination, (e) => (e ? reject(e) : resolve())));
}
socket.close();

// Wait (bounded) until libpcap handed over every packet sent.
const deadline = Date.now() + 10_000;
while (capture.stats().captured < SENT && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
const afterBurst = capture.stats();
capture.stop();
const frames = [];
for await (const batch of capture.batches()) for (const p of batch) frames.push({ no: p.no, payload: Buffer.from(p.bytes.subarray(42)).toString() });
await capture.close();
process.stdout.write(JSON.stringify({ afterBurst, final: capture.stats(), frames }) + '\n');
