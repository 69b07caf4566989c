import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { corpusPath } from '../../../../../test/support/paths.js';
import '../../../src/protocols.js';
import { App } from '../../../src/tui/app.js';
import type { CaptureModel } from '../../../src/tui/capture-model.js';
import { openCaptureFile } from '../../../src/tui/open-capture.js';

/** Escape sequences of the keys the tests press. */
export const KEY = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pageDown: '\u001b[6~',
  pageUp: '\u001b[5~',
  home: '\u001b[H',
  end: '\u001b[F',
  tab: '\t',
  shiftTab: '\u001b[Z',
  enter: '\r',
  escape: '\u001b',
  backspace: '\u007f',
} as const;

/** A corpus capture opened and fully indexed, as the TUI would have it once loading is done. */
export async function indexedCorpusCapture(rel: string): Promise<CaptureModel> {
  return indexedCapture(corpusPath(rel));
}

export async function indexedCapture(path: string): Promise<CaptureModel> {
  const model = await openCaptureFile(path, {});
  await model.start();
  return model;
}

/** Poll until `check` stops throwing (the UI updates asynchronously); rethrows its last error on timeout. */
export async function eventually(check: () => void, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

export interface RenderedApp {
  /** The current screen, as text. */
  screen(): string;
  /** Press keys one at a time, waiting for each to be drawn. */
  press(...keys: string[]): Promise<void>;
  /** Type text into whatever has the focus (the filter bar). */
  type(text: string): Promise<void>;
  unmount(): void;
}

/** Render the App for `model` on a fixed-size screen. */
export async function renderApp(model: CaptureModel, columns = 140, rows = 40): Promise<RenderedApp> {
  const app = render(createElement(App, { model, size: { columns, rows } }));
  const screen = (): string => app.lastFrame() ?? '';
  // Ink reads input from the first render on; wait for it.
  await eventually(() => {
    if (!screen().includes('Packets:')) throw new Error('not drawn yet');
  });
  const settle = async (before: number): Promise<void> => {
    // Each handled key redraws; wait for a new frame to be written.
    await eventually(() => {
      if (app.frames.length === before) throw new Error('key not drawn yet');
    });
  };
  return {
    screen,
    async press(...keys) {
      for (const k of keys) {
        const before = app.frames.length;
        app.stdin.write(k);
        await settle(before);
      }
    },
    async type(text) {
      for (const ch of text) {
        const before = app.frames.length;
        app.stdin.write(ch);
        await settle(before);
      }
    },
    unmount: () => app.unmount(),
  };
}
