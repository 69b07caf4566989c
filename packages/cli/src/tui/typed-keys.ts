import type { Key } from 'ink';

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

/** One typed character as Ink would report it had it arrived alone. */
function keyOf(ch: string): [string, Key] {
  switch (ch) {
    case '\r': case '\n': return ['', { ...NO_KEY, return: true }];
    case '\t': return ['', { ...NO_KEY, tab: true }];
    case '\x7f': return ['', { ...NO_KEY, delete: true }];
    case '\b': return ['', { ...NO_KEY, backspace: true }];
  }
  const c = ch.charCodeAt(0);
  if (c >= 1 && c <= 26) return [String.fromCharCode(c + 96), { ...NO_KEY, ctrl: true }];
  return [ch, { ...NO_KEY, shift: ch !== ch.toLowerCase() }];
}

/**
 * Ink hands over plain characters that arrive together ("4\r" when keys
 * come fast, or pasted text) as one input; the UI acts on keys, so they
 * are split back into one event per character.
 */
export function typedKeys(input: string, key: Key): Array<[string, Key]> {
  if (input.length <= 1 || key.escape || key.meta || input.includes('\x1b')) return [[input, key]];
  return Array.from(input, keyOf);
}
