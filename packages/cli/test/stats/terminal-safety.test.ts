import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { netdissect } from './support/captures.js';

// HTTP, SMTP and FTP streams carrying clear-screen, OSC title/clipboard, BEL and C1 CSI sequences.
const capture = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'fixtures', 'robustness', 'terminal-escapes.pcap');
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('statistics never print a packet\'s control characters raw', () => {
  it.each([
    'transcript,tcp,0', 'transcript,tcp,1', 'transcript,tcp,2', 'http,tree', 'http_req,tree', 'http_srv,tree',
    'expert', 'credentials', 'conv,tcp', 'endpoints,tcp', 'io,phs', 'io,stat,0,http', 'dig',
  ])('-z %s', async (z) => {
    const r = await netdissect('-q', '-z', z, '-r', capture);
    expect(r.stderr).toBe('');
    const raw = RAW_CONTROL.exec(r.stdout);
    expect(raw === null ? null : JSON.stringify(r.stdout.slice(Math.max(0, raw.index - 30), raw.index + 10))).toBeNull();
  });

  it('shows the escapes of an SMTP Subject in the transcript\'s message summary', async () => {
    const r = await netdissect('-q', '-z', 'transcript,tcp,1', '-r', capture);
    expect(r.stdout).toContain('C: [message: 101 bytes, Subject: hi\\x1b]0;title\\x07\\x1b[2Jthere\\x1b]52;c;cHduZWQ=\\x07]\n');
  });
});
