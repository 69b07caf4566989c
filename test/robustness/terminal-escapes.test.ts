import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROBUSTNESS_FIXTURES, TERMINAL_ESCAPE_FIELDS } from './support/robustness-fixtures.js';
import { netdissect, RAW_TERMINAL_CONTROL } from './support/terminal-cli.js';

// Clear screen, OSC 52 clipboard, OSC 0 title ... BEL and a C1 CSI in an HTTP URI and headers,
// an SMTP Subject and body, and FTP RETR/STOR file names (support/terminal-escape-capture.ts).
const capture = join(ROBUSTNESS_FIXTURES, 'terminal-escapes.pcap');
const fieldArgs = TERMINAL_ESCAPE_FIELDS.flatMap((f) => ['-e', f]);

function expectNothingRaw(out: { status: number; stdout: string; stderr: string }): void {
  expect(out.status).toBe(0);
  expect(out.stderr).toBe('');
  const raw = RAW_TERMINAL_CONTROL.exec(out.stdout);
  expect(raw === null ? null : JSON.stringify(out.stdout.slice(Math.max(0, raw.index - 40), raw.index + 20))).toBeNull();
}

describe('escape sequences from packets never reach a terminal raw', () => {
  // Each output shows the escapes in its own visible form: format_text's \\033 in labels and Info,
  // follow's '.' for non-printable bytes, the terminal escaper's \\x1b in raw field values.
  it.each([
    ['summary lines', [], '\\033[2J'],
    ['the -V tree', ['-V'], '\\033]52;c;'],
    ['the HTTP stream followed', ['-q', '-z', 'follow,tcp,ascii,0'], 'GET /a.[2Jb'],
    ['the SMTP stream followed', ['-q', '-z', 'follow,tcp,ascii,1'], 'Subject: hi.]0;title.'],
    ['the FTP stream followed', ['-q', '-z', 'follow,tcp,ascii,2'], 'RETR evil.[2Jname'],
    ['the HTTP transcript', ['-q', '-z', 'transcript,tcp,0'], 'C: X-Evil: \\x1b]52;c;cHduZWQ=\\x07\\x9b31mend'],
    ['the SMTP transcript', ['-q', '-z', 'transcript,tcp,1'], 'Subject: hi\\x1b]0;title\\x07\\x1b[2Jthere'],
    ['the FTP transcript', ['-q', '-z', 'transcript,tcp,2'], 'C: STOR \\x1b]0;title\\x07\\x9b31mx.txt'],
    ['-T fields', ['-T', 'fields', ...fieldArgs], 'ua\\x1b]0;title\\x07x'],
    ['-T json', ['-T', 'json'], '\\u001b[2J'],
  ])('%s', async (_name, args, visible) => {
    const out = await netdissect(['-r', capture, ...args], { tty: true });
    expectNothingRaw(out);
    expect(out.stdout).toContain(visible);
  });

  it('shows the escapes where tshark shows them in the summary (format_text), e.g. the FTP file name', async () => {
    const out = await netdissect(['-r', capture], { tty: true });
    expect(out.stdout).toContain('Request: RETR evil\\033[2Jname\\033]52;c;cHduZWQ=\\a.txt');
    expect(out.stdout).toContain('Request: STOR \\033]0;title\\a\\u009B31mx.txt');
    expect(out.stdout).toContain('subject: hi\\033]0;title\\a\\033[2Jthere\\033]52;c;cHduZWQ=\\a');
  });
});

describe('on a pipe, -T fields and -T json escape exactly as tshark does', () => {
  it('-T fields matches tshark 4.0 byte for byte (only \\b \\f \\n \\r \\t are escaped there)', async () => {
    const out = await netdissect(['-r', capture, '-T', 'fields', ...fieldArgs], { tty: false });
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(readFileSync(join(ROBUSTNESS_FIXTURES, 'terminal-escapes.fields.txt'), 'utf8'));
  });

  it('-T json matches tshark 4.0 byte for byte (every C0 control as \\uXXXX)', async () => {
    const out = await netdissect(['-r', capture, '-T', 'json'], { tty: false });
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(readFileSync(join(ROBUSTNESS_FIXTURES, 'terminal-escapes.json'), 'utf8'));
  });
});
