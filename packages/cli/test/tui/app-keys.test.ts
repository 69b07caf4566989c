import type { Key } from 'ink';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/app.js';
import { KEY_BINDINGS } from '../../src/tui/key-bindings.js';
import { UiController } from '../../src/tui/ui-controller.js';
import { eventually, indexedCorpusCapture, KEY, renderApp, type RenderedApp } from './support/tui-harness.js';

let app: RenderedApp | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});

const selected = (s: string): number => Number(/^>\s+(\d+) /m.exec(s)?.[1] ?? -1);

/** A key event as Ink reports it, for driving the controller directly. */
function key(over: Partial<Key> = {}): Key {
  return {
    upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
    return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
    super: false, hyper: false, capsLock: false, numLock: false, ...over,
  };
}

describe('keys across the panes', () => {
  it('Tab and Shift-Tab move the focus: list, details, bytes, and around', async () => {
    const model = await indexedCorpusCapture('http/get.pcap');
    app = await renderApp(model, 140, 60);
    await app.press(KEY.tab, KEY.down);
    // In the details, ↓ moves the item cursor and the packet stays selected.
    expect(selected(app.screen())).toBe(1);
    await app.press(KEY.tab, KEY.tab, KEY.down);
    expect(selected(app.screen())).toBe(2);
    await app.press(KEY.shiftTab, KEY.shiftTab, KEY.down);
    expect(selected(app.screen())).toBe(2);
    await app.press(KEY.shiftTab, KEY.down);
    expect(selected(app.screen())).toBe(3);
  });

  it('? lists every key, and Esc closes the help', async () => {
    const model = await indexedCorpusCapture('http/get.pcap');
    app = await renderApp(model, 140, 80);
    await app.press('?');
    const s = app.screen();
    for (const group of KEY_BINDINGS) {
      expect(s).toContain(group.group);
      for (const [keys, what] of group.keys) expect(s).toContain(`${keys.padEnd(22)}${what}`);
    }
    await app.press(KEY.escape);
    expect(app.screen()).toContain('Packet 1');
  });

  it('q and Ctrl-C quit; q typed into the filter bar does not', async () => {
    const model = await indexedCorpusCapture('http/get.pcap');
    const ui = new UiController(model);
    ui.sync();
    expect(ui.onKey('/', key())).toBe('handled');
    expect(ui.onKey('q', key())).toBe('handled');
    expect(ui.editor?.text).toBe('q');
    expect(ui.onKey('', key({ escape: true }))).toBe('handled');
    expect(ui.onKey('q', key())).toBe('quit');
    expect(ui.onKey('c', key({ ctrl: true }))).toBe('quit');
  });

  it('p pauses only a live capture', async () => {
    const model = await indexedCorpusCapture('http/get.pcap');
    app = await renderApp(model);
    await app.press('p');
    expect(app.screen()).toContain('p pauses the list of a live capture; this is a file');
  });

  it('redraws for a new terminal size', async () => {
    const model = await indexedCorpusCapture('tcp/206_example_c.pcap');
    const r = render(createElement(App, { model, size: { columns: 100, rows: 30 } }));
    const rows = (): string[] => (r.lastFrame() ?? '').split('\n').filter((l) => /^[> ]\s+\d+\s+\d+\.\d+ /.test(l));
    await eventually(() => expect(rows().length).toBeGreaterThan(5));
    const small = rows();
    r.rerender(createElement(App, { model, size: { columns: 160, rows: 60 } }));
    await eventually(() => expect(rows().length).toBeGreaterThan(small.length));
    expect(Math.max(...rows().map((l) => l.length))).toBeGreaterThan(Math.max(...small.map((l) => l.length)));
    expect(Math.max(...rows().map((l) => l.length))).toBeLessThan(160);
    r.unmount();
  });
});
