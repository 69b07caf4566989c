import { afterEach, describe, expect, it } from 'vitest';
import { corpusPath } from '../../../../test/support/paths.js';
import { compileDisplayFilter, type DisplayFilter } from '../../src/tui/display-filter.js';
import { openCaptureFile } from '../../src/tui/open-capture.js';
import { eventually, indexedCorpusCapture, KEY, renderApp, type RenderedApp } from './support/tui-harness.js';

let app: RenderedApp | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});

const firstLine = (s: string): string => s.split('\n')[0]!;
const statusLine = (s: string): string => s.split('\n').filter((l) => l.trim() !== '').at(-1)!;
/** The Protocol column of every packet row, cut at the header's column position. */
function protocols(s: string): string[] {
  const lines = s.split('\n');
  const at = lines.find((l) => l.includes('Protocol Length'))!.indexOf('Protocol');
  return lines.filter((l) => /^[> ]\s+\d+\s+\d+\.\d+ /.test(l)).map((l) => l.slice(at, at + 8).trim());
}

/** Wait until the status line shows `pattern` and no filter pass is running. */
async function settled(pattern: RegExp): Promise<void> {
  await eventually(() => {
    const s = statusLine(app!.screen());
    expect(s).toMatch(pattern);
    expect(s).not.toContain('Filtering');
  });
}

describe('filter bar', () => {
  it('validates while typing, shows the error, and applies on Enter', async () => {
    const model = await indexedCorpusCapture('link/sll.pcap');
    app = await renderApp(model);
    await app.press('/');
    expect(firstLine(app.screen())).toMatch(/^Filter:/);
    await app.type('dn');
    expect(statusLine(app.screen())).toContain('dn is neither a field nor a protocol name.');
    // Enter on an invalid filter keeps editing.
    await app.press(KEY.enter);
    expect(firstLine(app.screen())).toMatch(/^Filter: dn/);
    await app.type('s');
    expect(statusLine(app.screen())).toContain('Packets: 518');
    await app.press(KEY.enter);
    await settled(/Displayed: 20 \(3\.9%\) │ Filter: dns/);
    expect(firstLine(app.screen())).toMatch(/^Filter: dns\s*$/);
    const shown = protocols(app.screen());
    expect(shown.length).toBeGreaterThan(5);
    expect(new Set(shown)).toEqual(new Set(['DNS']));
  });

  it('edits with ←/→ and Backspace, recalls history with ↑/↓, cancels with Esc and clears with an empty filter', async () => {
    const model = await indexedCorpusCapture('link/sll.pcap');
    app = await renderApp(model);
    await app.press('/');
    await app.type('arp');
    await app.press(KEY.enter);
    await settled(/Filter: arp/);
    const arpCount = /Displayed: (\d+)/.exec(statusLine(app.screen()))![1];
    expect(new Set(protocols(app.screen()))).toEqual(new Set(['ARP']));
    // Reopen: the bar starts with the applied filter; change "arp" into "udp".
    await app.press('/', KEY.backspace, KEY.backspace, KEY.backspace);
    await app.type('udp');
    await app.press(KEY.left, KEY.left, KEY.backspace);
    await app.type('u');
    expect(firstLine(app.screen())).toMatch(/^Filter: udp/);
    await app.press(KEY.enter);
    await settled(/Filter: udp/);
    // History: ↑ brings back the last filters, most recent first.
    await app.press('/', KEY.up);
    expect(firstLine(app.screen())).toMatch(/^Filter: udp/);
    await app.press(KEY.up);
    expect(firstLine(app.screen())).toMatch(/^Filter: arp/);
    await app.press(KEY.enter);
    await settled(new RegExp(`Displayed: ${arpCount} `));
    // Esc leaves the applied filter alone.
    await app.press('/');
    await app.type(' && tcp');
    await app.press(KEY.escape);
    expect(firstLine(app.screen())).toMatch(/^Filter: arp\s*$/);
    // An empty filter shows every packet again.
    await app.press('/');
    for (let i = 0; i < 3; i++) await app.press(KEY.backspace);
    await app.press(KEY.enter);
    await settled(/Displayed: 518 │/);
  });

  it('keeps the selected packet selected when it passes the new filter', async () => {
    const model = await indexedCorpusCapture('link/sll.pcap');
    app = await renderApp(model);
    const firstDns = model.index.row(1).protocol === 'DNS' ? 1 : [...Array(518).keys()].map((i) => i + 1).find((no) => model.index.row(no).protocol === 'DNS')!;
    await app.press(':');
    await app.type(String(firstDns));
    await app.press(KEY.enter, '/');
    await app.type('dns');
    await app.press(KEY.enter);
    await settled(/Displayed: 20 /);
    expect(app.screen()).toContain(`Packet ${firstDns}`);
    expect(app.screen()).toMatch(new RegExp(`^>\\s+${firstDns} `, 'm'));
  });

  it('filters in the first pass itself when the filter comes first (-Y)', async () => {
    const model = await openCaptureFile(corpusPath('link/sll.pcap'), {});
    model.applyFilter(compileDisplayFilter('dns') as DisplayFilter);
    await model.start();
    expect(model.view.length).toBe(20);
    expect(model.filterPass?.done).toBe(true);
    await model.close();
  });
});
