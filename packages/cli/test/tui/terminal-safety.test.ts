import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../../test/support/paths.js';
import { removeHostileCaptures, writeHostileCapture } from '../../../../test/tui/support/hostile-capture.js';
import { safeText } from '../../src/tui/terminal-text.js';
import { eventually, indexedCapture, KEY, renderApp, type RenderedApp } from './support/tui-harness.js';

let app: RenderedApp | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});
afterAll(removeHostileCaptures);

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

  it('shows the robustness capture (OSC 52 clipboard writes, titles, clears in HTTP and mail headers) escaped', async () => {
    const model = await indexedCapture(join(repoRoot, 'fixtures', 'robustness', 'terminal-escapes.pcap'));
    app = await renderApp(model, 140, 60);
    const screens: string[] = [app.screen()];
    expect(app.screen()).toContain('GET /a\\033[2Jb HTTP/1.1');
    // The last items of the fully expanded details are the application layer's.
    await app.press(':', '4', KEY.enter, KEY.tab, 'e', 'G');
    expect(app.screen()).toMatch(/X-Evil: \\033\]52;c;cHduZWQ=/);
    screens.push(app.screen());
    await app.press(':', '1', '8', KEY.enter, KEY.tab, 'e', 'G');
    expect(app.screen()).toMatch(/hi\\033\]0;title\\a\\033\[2Jthere/);
    screens.push(app.screen());
    await app.press('F', 't');
    await eventually(() => expect(app!.screen()).toMatch(/Transcript .*\d+ lines/));
    screens.push(app.screen());
    for (const s of screens) expect(s).not.toMatch(CONTROL);
  });
});
