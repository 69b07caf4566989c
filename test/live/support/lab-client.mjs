// The student's side of the lab: resolve names at the DNS server and fetch
// pages from the HTTP server, round after round, until stdin closes or the
// round limit is reached (bounded, so a failed test never leaves it running).
// Usage: node lab-client.mjs SERVER_ADDRESS HTTP_PORT NAME,NAME,... URI,URI,...
import { Resolver } from 'node:dns/promises';
import { get } from 'node:http';

const [server, httpPort, namesArg, urisArg] = process.argv.slice(2);
const names = namesArg.split(',');
const uris = urisArg.split(',');
const MAX_ROUNDS = 200;

const resolver = new Resolver({ timeout: 2000, tries: 1 });
resolver.setServers([server]);

function fetchPage(path) {
  return new Promise((resolve, reject) => {
    const req = get({ host: server, port: Number(httpPort), path, agent: false }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
  });
}

let stopped = false;
process.stdin.on('close', () => (stopped = true));
process.stdin.on('end', () => (stopped = true));
process.stdin.resume();

for (let round = 0; round < MAX_ROUNDS && !stopped; round++) {
  const i = round % names.length;
  await resolver.resolve4(names[i]);
  if (stopped) break;
  await fetchPage(uris[i % uris.length]);
  await new Promise((r) => setTimeout(r, 50));
}
process.exit(0);
