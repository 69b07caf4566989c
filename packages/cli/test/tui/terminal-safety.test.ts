import { afterEach, describe, expect, it } from 'vitest';
import { writeHostileCapture } from '../../../../test/tui/support/hostile-capture.js';
import { safeText } from '../../src/tui/terminal-text.js';
import { eventually, indexedCapture, KEY, renderApp, type RenderedApp } from './support/tui-harness.js';

let app: RenderedApp | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});

// Ink draws without colours here, so any control character on screen came from a packet.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('terminal safety', () => {
  it('escapes every control character before it reaches the screen', () => {
    expect(safeText('a\x1b[2Jb\x07c\x9bd\te\nf\rg')).toBe('a\\x1b[2Jb\\x07c\\x9bd\\te\\nf\\rg');
    expect(safeText('x\u202ey\u2028z')).toBe('x\\u202ey\\u2028z');
    expect(safeText('plain text → ok')).toBe('plain text → ok');
  });

  it('shows a capture full of escape sequences without writing one to the terminal, in every pane', async () => {
    const model = await indexedCapture(await writeHostileCapture());
    app = await renderApp(model, 140, 60);
    const screens: string[] = [app.screen()];
    await app.press(':', '4', KEY.enter, 'e');
    screens.push(app.screen());
    expect(app.screen()).toMatch(/GET \/d\\033\[2J\\033\]0;pwned\\a\uFFFD2J\\033\[Hxxxxxxx HTTP\/1\.1/);
    await app.press(':', '9', KEY.enter, KEY.tab, 'G');
    screens.push(app.screen());
    await app.press('F');
    await eventually(() => expect(app!.screen()).toMatch(/\d+ lines/));
    screens.push(app.screen());
    await app.press('x');
    screens.push(app.screen());
    for (const s of screens) expect(s).not.toMatch(CONTROL);
  });
});
