/** Commands longer than four letters (or not alphabetic) that still count as commands. */
const LONG_COMMANDS = ['STARTTLS', 'X-EXPS', 'X-LINK2STATE', 'XEXCH50'];

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * line_is_smtp_command: a command is four letters (RFC 821), or one of
 * the known longer extension commands, compared without case.
 */
export function isSmtpCommand(line: string, cmdlen: number): boolean {
  if (cmdlen === 4 && isAlpha(line.charCodeAt(0)) && isAlpha(line.charCodeAt(1)) && isAlpha(line.charCodeAt(2)) && isAlpha(line.charCodeAt(3))) return true;
  for (const c of LONG_COMMANDS) if (cmdlen === c.length && line.slice(0, cmdlen).toUpperCase() === c) return true;
  return false;
}

/** The length of the longest command isSmtpCommand knows. */
export const LONGEST_COMMAND = Math.max(4, ...LONG_COMMANDS.map((c) => c.length));

/** Whether `word`, the start of a line with no space yet, is a command or the beginning of one. */
export function mayGrowIntoCommand(word: string): boolean {
  if (word.length <= 4) {
    let alpha = true;
    for (let i = 0; i < word.length; i++) if (!isAlpha(word.charCodeAt(i))) alpha = false;
    if (alpha) return true;
  }
  const upper = word.toUpperCase();
  for (const c of LONG_COMMANDS) if (c.startsWith(upper)) return true;
  return false;
}

/** g_ascii_strncasecmp(line, prefix, prefix.length) == 0. */
export function startsWithNoCase(line: string, prefix: string): boolean {
  return line.length >= prefix.length && line.slice(0, prefix.length).toUpperCase() === prefix.toUpperCase();
}

/** strtoul(s, NULL, 10): leading white space, an optional sign, then decimal digits (0 when none). */
export function parseUnsigned(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?)(\d+)/.exec(s);
  if (!m) return 0;
  const v = Number(m[2]!.slice(0, 16));
  return (m[1] === '-' ? 2 ** 32 - (v % 2 ** 32) : v) >>> 0;
}
