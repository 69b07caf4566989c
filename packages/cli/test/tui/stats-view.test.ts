import { afterEach, describe, expect, it } from 'vitest';
import { eventually, indexedCorpusCapture, KEY, renderApp, type RenderedApp } from './support/tui-harness.js';

let app: RenderedApp | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});

const lines = (): string[] => app!.screen().split('\n');
const status = (): string => lines().filter((l) => l.trim() !== '').at(-1)!;

/** Open the statistics and wait until the pass has counted every frame. */
async function openStats(): Promise<void> {
  await app!.press('S');
  await eventually(() => expect(app!.screen()).toMatch(/\d+ rows from \d+ packets/));
}

/** Put the cursor on the first row whose text matches `re` (it is drawn as the selected row). */
async function cursorTo(re: RegExp): Promise<string> {
  const body = lines().slice(4);
  const at = body.findIndex((l) => re.test(l));
  expect(at, `no row matches ${re}`).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < at; i++) await app!.press(KEY.down);
  return body[at]!;
}

/** The number of packets shown once the filter (a regular expression) has been applied. */
async function filtered(filter: RegExp): Promise<number> {
  let displayed = -1;
  await eventually(() => {
    const m = new RegExp(`Displayed: (\\d+) \\([\\d.]+%\\) │ Filter: ${filter.source} │ \\? help`).exec(status());
    expect(m).not.toBeNull();
    displayed = Number(m![1]);
  });
  return displayed;
}

describe('statistics views', () => {
  it('lists conversations by packets, per layer, sorts them, and shows a conversation\'s packets with Enter', async () => {
    const model = await indexedCorpusCapture('http/http-packets2.pcap');
    app = await renderApp(model, 150, 40);
    await openStats();
    expect(lines()[1]).toMatch(/\[1 Conversations\]/);
    expect(lines()[2]).toMatch(/Layer: {2}eth {2}\[ip\]/);
    expect(lines()[3]).toMatch(/^Address A\s+Address B\s+Packets ↓\s+Bytes\s+Packets A → B/);
    const packets = lines()
      .slice(4)
      .map((l) => /^\S+\s+\S+\s+(\d+) /.exec(l)?.[1])
      .filter((x) => x !== undefined)
      .map(Number);
    expect(packets.length).toBeGreaterThan(3);
    expect(packets).toEqual([...packets].sort((a, b) => b - a));
    expect(packets.reduce((a, b) => a + b, 0)).toBe(222);
    // Sort by the next column (Bytes) and reverse.
    await app.press('s');
    expect(lines()[3]).toMatch(/Bytes ↓/);
    await app.press('r');
    expect(lines()[3]).toMatch(/Bytes ↑/);
    // TCP conversations filter on their stream.
    await app.press('l', 'l');
    expect(lines()[2]).toMatch(/\[tcp\]/);
    expect(lines()[3]).toMatch(/^Address A\s+Port A\s+Address B\s+Port B\s+Packets ↓/);
    const top = /^\S+\s+\d+\s+\S+\s+\d+\s+(\d+) /.exec(lines()[4]!)!;
    await app.press(KEY.enter);
    expect(await filtered(/tcp\.stream eq \d+/)).toBe(Number(top[1]));
  });

  it('lists endpoints as tshark -z endpoints,ip does and shows an endpoint\'s packets with Enter', async () => {
    const model = await indexedCorpusCapture('http/http-packets2.pcap');
    app = await renderApp(model, 150, 40);
    await openStats();
    await app.press('2');
    expect(lines()[1]).toMatch(/\[2 Endpoints\]/);
    expect(lines()[3]).toMatch(/^Address\s+Packets ↓\s+Bytes\s+Tx Packets\s+Tx Bytes\s+Rx Packets\s+Rx Bytes/);
    // tshark -n -z endpoints,ip on this capture: the two busiest hosts.
    expect(lines()[4]).toMatch(/^172\.16\.133\.132\s+218\s+79265\s+134\s+30345\s+84\s+48920\s*$/);
    expect(lines()[5]).toMatch(/^216\.185\.152\.111\s+169\s+64738\s+60\s+37632\s+109\s+27106\s*$/);
    await app.press(KEY.enter);
    expect(await filtered(/ip\.addr == 172\.16\.133\.132/)).toBe(218);
  });

  it('shows the protocol hierarchy and filters on a protocol', async () => {
    const model = await indexedCorpusCapture('link/sll.pcap');
    app = await renderApp(model, 150, 60);
    await app.press('S', '3');
    await eventually(() => expect(app!.screen()).toMatch(/\d+ rows from 518 packets/));
    expect(lines()[3]).toMatch(/^Protocol\s+Percent Packets\s+Packets\s+Percent Bytes\s+Bytes/);
    expect(lines()[4]).toMatch(/^sll\s+100\.00%\s+518 /);
    const dns = await cursorTo(/^ +dns +/);
    expect(dns).toMatch(/ 20 /);
    await app.press(KEY.enter);
    expect(await filtered(/dns/)).toBe(20);
  });

  it('shows the HTTP packet counter and goes from a status code to its responses', async () => {
    const model = await indexedCorpusCapture('http/http-packets2.pcap');
    app = await renderApp(model, 150, 40);
    await openStats();
    await app.press('5');
    expect(lines()[4]).toMatch(/^Total HTTP Packets\s+115/);
    const moved = await cursorTo(/301 Moved Permanently/);
    const count = Number(/301 Moved Permanently\s+(\d+)/.exec(moved)![1]);
    await app.press(KEY.enter);
    expect(await filtered(/http\.response\.code == 301/)).toBe(count);
  });

  it('shows the DNS statistics and filters on a query type', async () => {
    const model = await indexedCorpusCapture('dns/dns-wiresharkrepo.pcap');
    app = await renderApp(model, 150, 60);
    await openStats();
    await app.press(KEY.right, KEY.right, KEY.right);
    expect(lines()[1]).toMatch(/\[4 DNS\]/);
    expect(lines()[4]).toMatch(/^Total Packets\s+38/);
    const a = await cursorTo(/^ {4}A \(Host Address\)/);
    expect(a).toMatch(/ 6 /);
    await app.press(KEY.enter);
    expect(await filtered(/dns\.qry\.type == 1/)).toBe(6);
  });

  it('lists credentials and goes to the packet that carried them', async () => {
    const model = await indexedCorpusCapture('ftp/ipv4.pcap');
    app = await renderApp(model, 150, 40);
    await openStats();
    await app.press('6');
    expect(lines()[4]).toMatch(/^\s*9 FTP\s+anonymous\s+Username in packet: 6/);
    await app.press(KEY.enter);
    expect(app.screen()).toContain('Packet 9');
    expect(app.screen()).toMatch(/^>\s+9 /m);
  });

  it('Esc leaves the statistics for the packets', async () => {
    const model = await indexedCorpusCapture('http/get.pcap');
    app = await renderApp(model);
    await openStats();
    await app.press(KEY.escape);
    expect(app.screen()).toContain('Packet 1');
    expect(app.screen()).not.toContain('Statistics');
  });
});
