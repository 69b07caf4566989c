/**
 * Make text safe to write to a terminal: control characters (ESC, BEL,
 * backspace, C1 controls...) become visible escapes, so nothing from a
 * packet can move the cursor, clear the screen or retitle the window.
 * Tabs and newlines that are part of our own layout are kept.
 */
export function escapeForTerminal(s: string, keepNewlines = true): string {
  // Fast path: nothing to escape.
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(s) && (keepNewlines || !s.includes('\n'))) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && !(keepNewlines && c === 0x0a)) || (c >= 0x7f && c <= 0x9f)) {
      out += c === 0x0d ? '\\r' : c === 0x0a ? '\\n' : `\\x${c.toString(16).padStart(2, '0')}`;
    } else {
      out += s[i];
    }
  }
  return out;
}
