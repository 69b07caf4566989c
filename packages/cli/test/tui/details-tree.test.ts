import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { indexedCapture, indexedCorpusCapture, KEY, renderApp, type RenderedApp } from './support/tui-harness.js';

let app: RenderedApp | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});

/** Lines of the details pane: from its title ("Packet N") to the bytes pane's tab line. */
function detailsLines(screen: string): string[] {
  const lines = screen.split('\n');
  const start = lines.findIndex((l) => /^ Packet \d+/.test(l));
  const end = lines.findIndex((l, i) => i > start && /^ \[.*bytes\)\]/.test(l));
  return lines.slice(start + 1, end).filter((l) => l.trim() !== '');
}

describe('details tree', () => {
  it('shows the protocol layers of the selected frame with Wireshark\'s labels, collapsed', async () => {
    const model = await indexedCorpusCapture('http/get.pcap');
    app = await renderApp(model);
    await app.press(KEY.down);
    expect(detailsLines(app.screen())).toEqual([
      '▸ Frame 2: 74 bytes on wire (592 bits), 74 bytes captured (592 bits)',
      '▸ Ethernet II, Src: 00:10:db:88:d2:ef, Dst: c8:bc:c8:96:d2:a0',
      '▸ Internet Protocol Version 4, Src: 192.150.187.43, Dst: 141.142.228.5',
      '▸ Transmission Control Protocol, Src Port: 80, Dst Port: 59856, Seq: 0, Ack: 1, Len: 0',
    ]);
  });

  it('keeps what a pcapng packet block records beyond its bytes: drop count and packet id show again when a frame is selected', async () => {
    const model = await indexedCapture(join(__dirname, '..', '..', '..', 'core', 'test', 'capture', 'captures', 'packet-block-options.pcapng'));
    app = await renderApp(model, 140, 70);
    // Frame 9: epb_dropcount 1 and epb_packetid 0xfedcba9876543210.
    await app.press(...Array<string>(8).fill(KEY.down), KEY.tab, KEY.right);
    const lines = detailsLines(app.screen());
    expect(lines).toContain('    Packet id: 18364758544493064720');
    expect(lines).toContain('    Drop Count: 1');
  });

  it('expands and collapses with →/←, Enter, and goes to the parent with ←', async () => {
    const model = await indexedCorpusCapture('http/get.pcap');
    app = await renderApp(model, 140, 70);
    await app.press(KEY.tab, KEY.down, KEY.down);
    await app.press(KEY.right);
    let lines = detailsLines(app.screen());
    expect(lines[2]).toMatch(/^▾ Internet Protocol Version 4, Src: 141\.142\.228\.5/);
    expect(lines).toContain('    Time to Live: 64');
    expect(lines).toContain('    Protocol: TCP (6)');
    // → on an open item steps into it; ← from a child goes back to the parent, ← again collapses.
    await app.press(KEY.right, KEY.left, KEY.left);
    lines = detailsLines(app.screen());
    expect(lines[2]).toMatch(/^▸ Internet Protocol Version 4/);
    expect(lines).not.toContain('    Time to Live: 64');
    await app.press(KEY.enter);
    expect(detailsLines(app.screen())).toContain('    Time to Live: 64');
    await app.press(KEY.enter);
    expect(detailsLines(app.screen())).not.toContain('    Time to Live: 64');
  });

  it('keeps what is expanded when another frame is selected, as Wireshark does', async () => {
    const model = await indexedCorpusCapture('http/get.pcap');
    app = await renderApp(model, 140, 70);
    await app.press(KEY.tab, KEY.down, KEY.down, KEY.right, KEY.shiftTab, KEY.down);
    const lines = detailsLines(app.screen());
    expect(lines[2]).toMatch(/^▾ Internet Protocol Version 4, Src: 192\.150\.187\.43/);
    expect(lines).toContain('    Time to Live: 47');
  });

  it('expands everything with e and collapses everything with c', async () => {
    const model = await indexedCorpusCapture('http/get.pcap');
    app = await renderApp(model, 140, 60);
    await app.press(':', '4', KEY.enter, 'e');
    expect(detailsLines(app.screen()).slice(0, 2)).toEqual(['▾ Frame 4: 202 bytes on wire (1616 bits), 202 bytes captured (1616 bits)', '    Encapsulation type: Ethernet (1)']);
    // The end of the tree: the HTTP request, every level open.
    await app.press(KEY.tab, 'G');
    const end = detailsLines(app.screen()).join('\n');
    expect(end).toMatch(/ {2}▾ GET \/download\/CHANGES\.bro-aux\.txt HTTP\/1\.1\\r\\n\n {4}▾ \[Expert Info \(Chat\/Sequence\)/);
    expect(end).toMatch(/ {4}\[Response in frame: 9\]$/);
    await app.press('c');
    expect(detailsLines(app.screen()).every((l) => l.startsWith('▸ '))).toBe(true);
  });

  it('colours expert information and shows malformed marks', async () => {
    const model = await indexedCorpusCapture('malformed/dns-invalid-names.pcap');
    app = await renderApp(model, 140, 60);
    const top = detailsLines(app.screen());
    expect(top.at(-1)).toBe('▸ [Malformed Packet: DNS]');
    await app.press(KEY.tab, 'G', KEY.right);
    expect(detailsLines(app.screen()).slice(-2)).toEqual(['▾ [Malformed Packet: DNS]', '  ▸ [Expert Info (Error/Malformed): Malformed Packet (Exception occurred)]']);
  });
});
