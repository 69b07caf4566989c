import { afterEach, describe, expect, it } from 'vitest';
import { indexedCorpusCapture, KEY, renderApp, type RenderedApp } from './support/tui-harness.js';

let app: RenderedApp | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});

/** The screen lines that are packet rows ("> 12 ..." or "  12 ..."). */
function packetRows(screen: string): string[] {
  return screen.split('\n').filter((l) => /^[> ]\s+\d+\s+\d+\.\d+ /.test(l));
}

function selectedNo(screen: string): number {
  const row = screen.split('\n').find((l) => /^>\s+\d+ /.test(l));
  return row ? Number(/^>\s+(\d+)/.exec(row)![1]) : -1;
}

describe('packet list', () => {
  it('shows the columns and one row per frame, with tshark\'s summary text', async () => {
    const model = await indexedCorpusCapture('http/get.pcap');
    app = await renderApp(model);
    const s = app.screen();
    expect(s).toMatch(/No\.\s+Time\s+Source\s+Destination\s+Protocol\s+Length\s+Info/);
    const rows = packetRows(s);
    expect(rows).toHaveLength(14);
    expect(rows[3]).toMatch(/^\s+4\s+0\.070183 141\.142\.228\.5\s+192\.150\.187\.43\s+HTTP\s+202 GET \/download\/CHANGES\.bro-aux\.txt HTTP\/1\.1/);
    expect(s).toContain('Packets: 14');
    expect(selectedNo(s)).toBe(1);
  });

  it('draws only the rows that fit, whatever the number of frames', async () => {
    const model = await indexedCorpusCapture('tcp/206_example_c.pcap');
    expect(model.index.count).toBe(1069);
    app = await renderApp(model, 140, 30);
    const rows = packetRows(app.screen());
    expect(rows.length).toBeLessThan(30);
    expect(rows[0]).toMatch(/^>\s+1 /);
  });

  it('moves with ↑/↓, PgUp/PgDn, Home/End and g/G, scrolling to keep the selection in view', async () => {
    const model = await indexedCorpusCapture('tcp/206_example_c.pcap');
    app = await renderApp(model, 140, 30);
    await app.press(KEY.down, KEY.down);
    expect(selectedNo(app.screen())).toBe(3);
    await app.press(KEY.up);
    expect(selectedNo(app.screen())).toBe(2);
    const page = packetRows(app.screen()).length;
    await app.press(KEY.pageDown);
    expect(selectedNo(app.screen())).toBe(2 + page);
    await app.press(KEY.pageUp);
    expect(selectedNo(app.screen())).toBe(2);
    await app.press(KEY.end);
    expect(selectedNo(app.screen())).toBe(1069);
    expect(packetRows(app.screen()).at(-1)).toMatch(/^>\s+1069 /);
    await app.press(KEY.home);
    expect(selectedNo(app.screen())).toBe(1);
    await app.press('G');
    expect(selectedNo(app.screen())).toBe(1069);
    await app.press('g', 'j', 'j', 'k');
    expect(selectedNo(app.screen())).toBe(2);
  });

  it('jumps to a frame number with ":"', async () => {
    const model = await indexedCorpusCapture('tcp/206_example_c.pcap');
    app = await renderApp(model, 140, 30);
    await app.press(':');
    expect(app.screen()).toContain('Go to packet:');
    await app.type('777');
    await app.press(KEY.enter);
    expect(selectedNo(app.screen())).toBe(777);
    expect(app.screen()).toContain('Packet 777');
    // Keys that arrive together (fast typing, a paste) count one by one.
    await app.press(':5000\r');
    expect(app.screen()).toContain('There is no packet 5000');
    expect(selectedNo(app.screen())).toBe(777);
  });
});
