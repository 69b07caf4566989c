/**
 * Watch DNS as it happens during a lab: every query and answer on an
 * interface, one line each, until Ctrl-C (or N messages).
 *
 *   sudo npx tsx examples/live-dns-monitor.ts eth0 [COUNT]
 */
import { DissectionSession, dissectCapture, type PacketInfo } from '@netdissect/core';
import { DNS_TAP, rcodeNames, rrTypeName, type DnsTapData } from '@netdissect/dns';
import { LiveCaptureError, openLiveCapture } from '@netdissect/live';

/** Nothing from the network reaches the terminal raw. */
const safe = (s: string): string => s.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

async function main(iface: string, count: number | undefined): Promise<void> {
  // The capture filter keeps everything but DNS in the kernel.
  const capture = await openLiveCapture({ interface: iface, filter: 'udp port 53 or tcp port 53' });
  const stop = (): void => capture.stop();
  process.once('SIGINT', stop);
  const session = new DissectionSession();
  let seen = 0;
  session.addTap(DNS_TAP, (pinfo: PacketInfo, data: unknown) => {
    const { message } = data as DnsTapData;
    const h = message.header;
    const q = message.questions[0];
    const what = q ? `${safe(q.name)} ${rrTypeName(q.type)}` : '(no question)';
    if (!h.response) process.stdout.write(`${pinfo.src} asks ${pinfo.dst}: ${what}\n`);
    else {
      const answers = message.answers.map((a) => ('address' in a.rdata ? a.rdata.address : 'name' in a.rdata ? safe(a.rdata.name) : a.rdata.kind));
      process.stdout.write(`${pinfo.src} answers ${what}: ${rcodeNames.get(h.rcode) ?? h.rcode}${answers.length ? ` ${answers.join(', ')}` : ''}\n`);
    }
    if (count !== undefined && ++seen >= count) stop();
  });
  process.stderr.write(`watching DNS on ${iface} (Ctrl-C to stop)\n`);
  await dissectCapture(capture, session, { tree: null }, () => {});
  process.off('SIGINT', stop);
  await capture.close();
}

const [iface, count] = process.argv.slice(2);
if (!iface) {
  process.stderr.write('usage: sudo npx tsx examples/live-dns-monitor.ts INTERFACE [COUNT]\n');
  process.exit(2);
}
try {
  await main(iface, count ? Number(count) : undefined);
} catch (e) {
  // Missing cap module, no permission, no such interface: one line, like the netdissect command.
  if (e instanceof LiveCaptureError) {
    process.stderr.write(`live-dns-monitor: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
