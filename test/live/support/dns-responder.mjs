// A small DNS server for the live-capture tests: answers every A query
// with 10.200.0.1 and anything else with an empty NOERROR answer.
// Usage: node dns-responder.mjs ADDRESS PORT; prints "ready" once bound.
import { createSocket } from 'node:dgram';

const [address, port] = [process.argv[2] ?? '10.200.0.1', Number(process.argv[3] ?? 53)];
const socket = createSocket('udp4');

function questionEnd(msg) {
  let p = 12;
  while (p < msg.length && msg[p] !== 0) p += msg[p] + 1;
  return p + 5; // zero label, qtype, qclass
}

socket.on('message', (query, from) => {
  if (query.length < 12) return;
  const end = questionEnd(query);
  if (end > query.length) return;
  const qtype = query.readUInt16BE(end - 4);
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0); // id
  header.writeUInt16BE(0x8180, 2); // response, recursion desired + available
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(qtype === 1 ? 1 : 0, 6);
  const parts = [header, query.subarray(12, end)];
  if (qtype === 1) {
    const answer = Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 200, 0, 1]);
    parts.push(answer);
  }
  socket.send(Buffer.concat(parts), from.port, from.address);
});
socket.bind(port, address, () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => socket.close());
