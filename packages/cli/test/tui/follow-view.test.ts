import { afterEach, describe, expect, it } from 'vitest';
import { eventually, indexedCorpusCapture, KEY, renderApp, type RenderedApp } from './support/tui-harness.js';

let app: RenderedApp | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});

async function followDone(): Promise<void> {
  await eventually(() => expect(app!.screen()).toMatch(/Follow .* \d+ lines/));
}

describe('follow stream', () => {
  it('shows a TCP conversation with both directions, in ASCII and in hex, and goes back with Esc', async () => {
    const model = await indexedCorpusCapture('http/get.pcap');
    app = await renderApp(model, 140, 40);
    await app.press(':', '4', KEY.enter, 'F');
    await followDone();
    let lines = app.screen().split('\n');
    expect(lines[1]).toMatch(/Follow TCP Stream \(tcp\.stream eq 0\) — ASCII/);
    expect(lines[2]).toContain('141.142.228.5:59856 → 192.150.187.43:80');
    expect(lines).toContain('GET /download/CHANGES.bro-aux.txt HTTP/1.1');
    expect(lines).toContain('User-Agent: Wget/1.14 (darwin12.2.0)');
    expect(lines).toContain('HTTP/1.1 200 OK');
    await app.press('x');
    lines = app.screen().split('\n');
    expect(lines[1]).toMatch(/— Hex/);
    expect(lines[3]).toBe('00000000  47 45 54 20 2f 64 6f 77  6e 6c 6f 61 64 2f 43 48  GET /dow nload/CH');
    await app.press(KEY.escape);
    expect(app.screen()).toContain('Packet 4');
    expect(app.screen()).not.toContain('Follow TCP Stream');
  });

  it('scrolls the stream and filters on it with Enter', async () => {
    const model = await indexedCorpusCapture('http/get.pcap');
    app = await renderApp(model, 140, 30);
    await app.press(':', '4', KEY.enter, 'F');
    await followDone();
    await app.press('G');
    expect(app.screen()).not.toContain('GET /download/CHANGES.bro-aux.txt HTTP/1.1');
    await app.press('g');
    expect(app.screen()).toContain('GET /download/CHANGES.bro-aux.txt HTTP/1.1');
    await app.press(KEY.enter);
    await eventually(() => expect(app!.screen()).toMatch(/Displayed: 14 \(100\.0%\) │ Filter: tcp\.stream eq 0 │ \? help/));
  });

  it('follows a UDP stream', async () => {
    const model = await indexedCorpusCapture('dns/dns_udp.pcap');
    app = await renderApp(model, 140, 30);
    await app.press('F');
    await followDone();
    expect(app.screen()).toMatch(/Follow UDP Stream \(udp\.stream eq 0\)/);
    expect(app.screen()).toMatch(/\.www\.tcpdump\.org\./);
  });

  it('says so when the packet is in no TCP or UDP stream', async () => {
    const model = await indexedCorpusCapture('link/sll.pcap');
    app = await renderApp(model, 140, 30);
    const arp = [...Array(model.index.count).keys()].map((i) => i + 1).find((no) => model.index.row(no).protocol === 'ARP')!;
    await app.press(':');
    await app.type(String(arp));
    await app.press(KEY.enter, 'F');
    expect(app.screen()).toContain(`Packet ${arp} is not part of a TCP or UDP stream`);
  });

  it('reads a mail session as a transcript, C: and S: lines as -z transcript prints them', async () => {
    const model = await indexedCorpusCapture('smtp/smtp-data-250.pcap');
    app = await renderApp(model, 140, 60);
    await app.press(':', '4', KEY.enter, 'F');
    await followDone();
    await app.press('t');
    await eventually(() => expect(app!.screen()).toMatch(/Follow TCP Stream \(tcp\.stream eq 0\) — Transcript/));
    const lines = app.screen().split('\n');
    expect(lines).toContain('S: 220-mtaout-ma02.r1000.mx.aol.com ESMTP MUA/Third Party Client Interface');
    expect(lines.some((l) => /^C: EHLO /.test(l))).toBe(true);
    expect(lines.some((l) => /^C: AUTH PLAIN /.test(l))).toBe(true);
  });

  it('has no transcript for UDP', async () => {
    const model = await indexedCorpusCapture('dns/dns_udp.pcap');
    app = await renderApp(model, 140, 30);
    await app.press('F');
    await followDone();
    await app.press('t');
    expect(app.screen()).toContain('The transcript reads TCP conversations');
  });
});
