import { afterEach, describe, expect, it } from 'vitest';
import { hexRows } from '../../src/tui/hex-rows.js';
import { indexedCorpusCapture, KEY, renderApp, type RenderedApp } from './support/tui-harness.js';

let app: RenderedApp | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});

function tabLine(screen: string): string {
  return screen.split('\n').find((l) => /^ (\[| )?Frame \(\d+ bytes\)/.test(l)) ?? '';
}

function hexLines(screen: string): string[] {
  return screen.split('\n').filter((l) => /^[0-9a-f]{4}  [0-9a-f]{2} /.test(l));
}

describe('bytes pane', () => {
  it('shows the frame in hex and ASCII, sixteen bytes a line in two groups of eight', async () => {
    const model = await indexedCorpusCapture('http/get.pcap');
    app = await renderApp(model);
    const rows = hexLines(app.screen());
    expect(tabLine(app.screen()).trim()).toBe('[Frame (78 bytes)]');
    expect(rows[0]).toBe('0000  00 10 db 88 d2 ef c8 bc  c8 96 d2 a0 08 00 45 00   ........ ......E.');
    expect(rows.at(-1)).toBe('0040  08 0a 16 4a dd 20 00 00  00 00 04 02 00 00         ...J. .. ......');
  });

  it('has a tab for the reassembled PDU and switches to the source of the selected field', async () => {
    const model = await indexedCorpusCapture('http/get.pcap');
    app = await renderApp(model, 140, 60);
    await app.press(':', '9', KEY.enter);
    expect(tabLine(app.screen()).trim()).toBe('[Frame (729 bytes)]  Reassembled TCP (5007 bytes)');
    // The last item, "Line-based text data", is at offset 302 of the reassembled buffer.
    await app.press(KEY.tab, 'G');
    expect(app.screen()).toMatch(/^▸ Line-based text data: text\/plain \(159 lines\)/m);
    expect(tabLine(app.screen()).trim()).toBe('Frame (729 bytes)  [Reassembled TCP (5007 bytes)]');
    expect(hexLines(app.screen())[0]!.startsWith('0120  ')).toBe(true);
    // In the bytes pane ←/→ go through the data sources.
    await app.press(KEY.tab, KEY.left);
    expect(tabLine(app.screen()).trim()).toBe('[Frame (729 bytes)]  Reassembled TCP (5007 bytes)');
    expect(hexLines(app.screen())[0]!.startsWith('0000  c8 bc c8 96')).toBe(true);
    await app.press(KEY.down, KEY.down);
    expect(hexLines(app.screen())[0]!.startsWith('0020  ')).toBe(true);
  });

  it('marks exactly the selected field\'s bytes, in the hex and the ASCII column', () => {
    const bytes = Uint8Array.from({ length: 20 }, (_, i) => 0x41 + i);
    const [first, second] = hexRows(bytes, 0, 2, 6, 10);
    expect(first).toEqual({
      offset: '0000',
      hex: ['41 42 43 44 45 46 ', '47 48  49 4a', ' 4b 4c 4d 4e 4f 50'],
      ascii: ['ABCDEF', 'GH IJ', 'KLMNOP'],
    });
    expect(second!.hex.join('')).toBe('51 52 53 54' + ' '.repeat(37));
    expect(second!.hex[1]).toBe('');
  });
});
