// End-to-end: the built netdissect in a real terminal (tmux), read back from the screen.
// Needs `npx tsc -b` first (it runs packages/cli/bin/netdissect.js) and tmux.
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusPath, repoRoot } from '../support/paths.js';
import { removeHostileCaptures, writeHostileCapture } from './support/hostile-capture.js';
import { NETDISSECT, TmuxSession } from './support/tmux-session.js';

const built = existsSync(join(repoRoot, 'packages', 'cli', 'dist', 'tui', 'run-tui.js'));
// Live capture needs libpcap and the right to capture (root or CAP_NET_RAW).
const canCaptureLoopback = built && /\blo\b/.test(spawnSync('node', [NETDISSECT, '-D'], { encoding: 'utf8' }).stdout ?? '');

/** Send `n` UDP datagrams to 127.0.0.1:`port`. */
async function sendUdp(port: number, n: number): Promise<void> {
  const sock = createSocket('udp4');
  for (let i = 0; i < n; i++) await new Promise<void>((resolve, reject) => sock.send(`hello ${i}`, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())));
  sock.close();
}
const sessions: TmuxSession[] = [];
const tempDirs: string[] = [];
afterAll(() => {
  for (const s of sessions.splice(0)) s.kill();
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
  removeHostileCaptures();
});

function open(args: string[], columns = 160, rows = 48): TmuxSession {
  const s = TmuxSession.netdissect(args, columns, rows);
  sessions.push(s);
  return s;
}

const loaded = (total: number) => (s: string) => new RegExp(`Packets: ${total} │ Displayed: ${total} │ \\? help`).test(s);
const rows = (s: string): string[] => s.split('\n').filter((l) => /^[> ]\s+\d+\s+\d+\.\d+ /.test(l));

describe.skipIf(!built)('netdissect in a terminal', () => {
  // One session walks through the basics in order, as a user would (starting node is the slow part).
  describe('on http/get.pcap', () => {
    let t: TmuxSession;

    it('opens on the three panes and the status line', async () => {
      t = open([corpusPath('http/get.pcap')]);
      const s = await t.waitFor(loaded(14), 'the capture to load');
      const lines = s.split('\n');
      expect(lines[0]).toMatch(/^Filter: \(none\)/);
      expect(lines[1]).toMatch(/^\s+No\.\s+Time\s+Source\s+Destination\s+Protocol\s+Length\s+Info/);
      expect(rows(s)).toHaveLength(14);
      expect(s).toMatch(/^ Packet 1\s*$/m);
      expect(s).toMatch(/^▸ Frame 1: 78 bytes on wire/m);
      expect(s).toMatch(/^ \[Frame \(78 bytes\)\]/m);
      expect(s).toMatch(/^0000 {2}00 10 db 88 d2 ef/m);
      // The frame fits the terminal: the status line is on the last line but one.
      expect(lines[46]).toMatch(/^ get\.pcap │ Packets: 14 │ Displayed: 14/);
    });

    it('moving down and expanding shows the IPv4 header', async () => {
      t.keys('Down');
      await t.waitFor((s) => /^ Packet 2\s*$/m.test(s), 'packet 2 selected');
      t.keys('Tab', 'Down', 'Down', 'Right');
      const s = await t.waitFor((s) => s.includes('    Time to Live: 47'), 'the IPv4 subtree');
      expect(s).toMatch(/^▾ Internet Protocol Version 4, Src: 192\.150\.187\.43, Dst: 141\.142\.228\.5/m);
    });

    it('F shows the TCP stream, Esc goes back', async () => {
      t.keys('BTab', ':');
      t.type('4');
      t.keys('Enter', 'F');
      const s = await t.waitFor((s) => /Follow TCP Stream \(tcp\.stream eq 0\).*\d+ lines/.test(s), 'the stream');
      expect(s).toContain('141.142.228.5:59856 → 192.150.187.43:80');
      expect(s).toMatch(/^GET \/download\/CHANGES\.bro-aux\.txt HTTP\/1\.1\s*$/m);
      expect(s).toMatch(/^HTTP\/1\.1 200 OK\s*$/m);
      t.keys('Escape');
      await t.waitFor((s) => /^ Packet 4\s*$/m.test(s), 'the packets again');
    });

    it('q exits with status 0 and leaves the terminal as it found it', async () => {
      t.keys('q');
      const s = await t.waitFor((s) => s.includes('__END'), 'the exit');
      expect(s).toMatch(/__EXIT=0/);
      expect(s).toMatch(/\bicanon\b/);
      expect(s).not.toMatch(/-icanon|-echo\b/);
      // The alternate screen is gone with the UI.
      expect(s).not.toContain('Packets: 14');
    });
  });

  it('/ dns Enter leaves only DNS rows', async () => {
    const t = open([corpusPath('link/sll.pcap')]);
    await t.waitFor(loaded(518), 'the capture to load');
    t.keys('/');
    t.type('dns');
    await t.waitFor((s) => /^Filter: dns/.test(s), 'the filter text');
    t.keys('Enter');
    const s = await t.waitFor((s) => /Displayed: 20 \(3\.9%\) │ Filter: dns │ \? help/.test(s), 'the filter to apply');
    const at = s.split('\n')[1]!.indexOf('Protocol');
    const shown = rows(s).map((l) => l.slice(at, at + 8).trim());
    // 20 frames pass; the list has room for 19 of them on a 48-line terminal.
    expect(shown.length).toBe(19);
    expect(new Set(shown)).toEqual(new Set(['DNS']));
  });

  it('redraws for a new terminal size', async () => {
    const t = open([corpusPath('tcp/206_example_c.pcap')]);
    await t.waitFor(loaded(1069), 'the capture to load');
    t.resize(120, 30);
    // Rows Ink has not redrawn yet still hold the 160-column screen, cut by tmux at 120: wait for all of them.
    const widest = (s: string) => Math.max(...s.split('\n').map((l) => l.trimEnd().length));
    const s = await t.waitFor((s) => /^ 206_example_c\.pcap │ Packets: 1069/m.test(s.split('\n')[28] ?? '') && widest(s) < 120, 'the status line on the new last line but one, every row within 120 columns');
    expect(s.split('\n')[28]).toMatch(/^ 206_example_c\.pcap │ Packets: 1069/);
    expect(widest(s)).toBeLessThan(120);
  });

  it('a capture whose payload holds ESC [ 2 J does not clear the screen', async () => {
    const t = open([await writeHostileCapture()]);
    await t.waitFor(loaded(14), 'the capture to load');
    t.keys(':');
    t.type('4');
    t.keys('Enter');
    let s = await t.waitFor((s) => /^ Packet 4\s*$/m.test(s), 'packet 4');
    expect(s.split('\n')[0]).toMatch(/^Filter: \(none\)/);
    expect(s).toMatch(/GET \/d\\033\[2J\\033\]0;pwned\\a.2J\\033\[Hxxxxxxx HTTP\/1\.1/);
    t.keys('F');
    s = await t.waitFor((s) => /Follow TCP Stream.*\d+ lines/.test(s), 'the stream');
    expect(s).toMatch(/^GET \/d\.\[2J\.\]0;pwned\.\.2J\.\[Hxxxxxxx HTTP\/1\.1\s*$/m);
    expect(s.split('\n')[0]).toMatch(/^Filter: \(none\)/);
  });

  it('browses a capture arriving on a pipe while it arrives, keys from the terminal', async () => {
    const gateDir = mkdtempSync(join(tmpdir(), 'netdissect-tui-'));
    tempDirs.push(gateDir);
    const gate = join(gateDir, 'go');
    const replay = join(repoRoot, 'test', 'tui', 'support', 'slow-replay.mjs');
    // The writer must not share the terminal: Node puts a terminal it used back into cooked mode when it exits.
    const t = new TmuxSession(`cd '${repoRoot}' && node '${replay}' '${corpusPath('http/get.pcap')}' 7 '${gate}' </dev/null 2>/dev/null | TERM=xterm-256color node '${NETDISSECT}' -`);
    sessions.push(t);
    await t.waitFor((s) => /Packets: 7 │ Displayed: 7 │ Capturing/.test(s), 'the first frames');
    t.keys('Down');
    await t.waitFor((s) => /^ Packet 2\s*$/m.test(s), 'a key from the terminal');
    writeFileSync(gate, '');
    await t.waitFor((s) => /Packets: 14 │ Displayed: 14 │ Capture ended/.test(s), 'the rest of the capture');
    t.keys('q');
    expect(await t.waitFor((s) => s.includes('__END'), 'the exit')).toMatch(/__EXIT=0/);
  });

  it.skipIf(!canCaptureLoopback)('captures live from an interface; p pauses the list while capturing goes on', async () => {
    const port = 40000 + (process.pid % 20000);
    const t = open(['-i', 'lo', '-f', `udp port ${port}`]);
    await t.waitFor((s) => /Loopback: lo │ Packets: 0 │ Displayed: 0 │ Capturing/.test(s), 'the capture to start');
    await sendUdp(port, 5);
    await t.waitFor((s) => /Packets: 5 │ Displayed: 5 │ Capturing/.test(s), 'the datagrams');
    t.keys('p');
    await t.waitFor((s) => /Paused \(\+0 new\)/.test(s), 'the pause');
    await sendUdp(port, 2);
    const s = await t.waitFor((s) => /Packets: 7 │ Displayed: 5 │ Capturing · Paused \(\+2 new\)/.test(s), 'more datagrams while paused');
    expect(rows(s)).toHaveLength(5);
    t.keys('p');
    await t.waitFor((s) => rows(s).length === 7, 'the list to catch up');
    t.keys('q');
    expect(await t.waitFor((s) => s.includes('__END'), 'the exit')).toMatch(/__EXIT=0/);
  });
});
