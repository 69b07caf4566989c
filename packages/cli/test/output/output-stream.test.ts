import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { rawByteString } from '@netdissect/core';
import { OutputStream } from '../../src/output/output-stream.js';
import { corpusAvailable, corpusPath, goldensDir, repoRoot } from '../../../../test/support/paths.js';
import { seededRandom } from '../../../../test/support/seeded-random.js';
import { cliCaseArgs, loadCliCases } from '../../../../test/support/cli-cases.js';

/** A Node stream that takes its time: each write completes on a later turn, so writes queue up behind it. */
class SlowSink extends Writable {
  readonly chunks: Buffer[] = [];
  isTTY?: boolean;
  constructor(tty = false) {
    super({ highWaterMark: 1 << 10 });
    if (tty) this.isTTY = true;
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    setImmediate(() => {
      this.chunks.push(chunk);
      done();
    });
  }
}

/** Lines of every width of UTF-8 character: ASCII, Latin-1, the summary's arrow, CJK, astral (surrogate pairs). */
function mixedLines(count: number): string[] {
  const rnd = seededRandom(9);
  const pieces = ['abc', 'é', '\u2192', '漢字', '\u{1F600}', ' ', '0123456789'];
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = `${i} `;
    const n = Math.floor(rnd() * 40);
    for (let j = 0; j < n; j++) s += pieces[Math.floor(rnd() * pieces.length)];
    lines.push(s);
  }
  return lines;
}

async function settle(sink: SlowSink): Promise<void> {
  await new Promise<void>((resolve) => sink.end(resolve));
}

describe('OutputStream to a Node stream', () => {
  it('writes lines of multi-byte characters in many writes, in order and whole', async () => {
    const sink = new SlowSink();
    const out = new OutputStream(sink);
    const lines = mixedLines(20_000);
    for (const l of lines) out.line(l);
    await out.end();
    await settle(sink);
    expect(sink.chunks.length).toBeGreaterThan(5);
    expect(Buffer.concat(sink.chunks).toString('utf8')).toBe(lines.join('\n') + '\n');
  });

  it('a line longer than a write goes out whole, in order with the lines around it', async () => {
    const sink = new SlowSink();
    const out = new OutputStream(sink);
    const long = '\u2192'.repeat(40_000) + 'x'.repeat(70_000);
    out.line('before');
    out.line(long);
    out.line('after');
    await out.end();
    await settle(sink);
    expect(Buffer.concat(sink.chunks).toString('utf8')).toBe(`before\n${long}\nafter\n`);
  });

  it('on a terminal, control characters from packets are escaped before encoding', async () => {
    const sink = new SlowSink(true);
    const out = new OutputStream(sink);
    out.line('GET /\u001b[2J \u2192 \u0007done');
    await out.end();
    await settle(sink);
    expect(Buffer.concat(sink.chunks).toString('utf8')).toBe('GET /\\x1b[2J \u2192 \\x07done\n');
  });

  it('field values that kept bytes which are not UTF-8 are those bytes in a pipe, replacement characters on a terminal', async () => {
    // "a", then 0x9b (a CSI to an 8-bit terminal) and 0xe4 kept as raw bytes, then a newline.
    const value = rawByteString(Uint8Array.of(0x61, 0x9b, 0xe4, 0x0a));
    const pipe = new SlowSink();
    const toPipe = new OutputStream(pipe);
    toPipe.writeValues(value);
    await toPipe.end();
    await settle(pipe);
    expect(Buffer.concat(pipe.chunks)).toEqual(Buffer.from([0x61, 0x9b, 0xe4, 0x0a]));
    const terminal = new SlowSink(true);
    const toTerminal = new OutputStream(terminal);
    toTerminal.writeValues(value);
    await toTerminal.end();
    await settle(terminal);
    expect(Buffer.concat(terminal.chunks)).toEqual(Buffer.from('a\ufffd\ufffd\n', 'utf8'));
    // Other text (labels) is not searched for kept bytes: it never holds any.
    const labels = new SlowSink();
    const toLabels = new OutputStream(labels);
    toLabels.write(value);
    await toLabels.end();
    await settle(labels);
    expect(Buffer.concat(labels.chunks)).toEqual(Buffer.from('a\ufffd\ufffd\n', 'utf8'));
  });

  it('a collector is given the text as strings', async () => {
    const got: unknown[] = [];
    const out = new OutputStream({ write: (s: string) => got.push(s) });
    out.line('a \u2192 b');
    await out.end();
    expect(got).toEqual(['a \u2192 b\n']);
  });
});

/** What the byte methods write for one line, written as a printer does: room first, then the pieces. */
function putLine(out: OutputStream, pieces: Array<['uint', number, number] | ['text', string] | ['spaces', number]>): void {
  if (!out.room(4096)) return;
  for (const p of pieces) {
    if (p[0] === 'uint') out.putUint(p[1], p[2]);
    else if (p[0] === 'text') out.putText(p[1]);
    else out.putSpaces(p[1]);
  }
  out.putByte(0x0a);
}

describe('OutputStream byte methods (the summary lines)', () => {
  it('numbers right-aligned like padStart, at every width and digit count', async () => {
    const got: string[] = [];
    const out = new OutputStream({ write: (s) => void got.push(String(s)) });
    const expected: string[] = [];
    for (const n of [0, 1, 9, 10, 11, 99, 100, 12345, 99999, 100000, 1234567, 4294967295, 2 ** 53 - 1]) {
      for (const width of [0, 1, 5, 10, 20]) {
        putLine(out, [['uint', n, width]]);
        expected.push(String(n).padStart(width, ' '));
      }
    }
    await out.end();
    expect(got.join('')).toBe(expected.join('\n') + '\n');
  });

  it('text in UTF-8 whatever its characters and length, spaces as asked (none for 0 or less)', async () => {
    const sink = new SlowSink();
    const out = new OutputStream(sink);
    const lines = mixedLines(3_000);
    lines.push('x'.repeat(24), 'y'.repeat(25), 'short \u2192', '\ud800 lone', 'end \udfff', '\u{1F600}');
    for (const l of lines) putLine(out, [['spaces', 3], ['text', l], ['spaces', 0], ['spaces', -2], ['text', '|']]);
    await out.end();
    await settle(sink);
    // A lone surrogate is written as U+FFFD, as the string encoder does.
    expect(Buffer.concat(sink.chunks).toString('utf8')).toBe(Buffer.from(lines.map((l) => `   ${l}|`).join('\n') + '\n', 'utf8').toString('utf8'));
    expect(sink.chunks.length).toBeGreaterThan(1);
  });

  it('keeps its place among text writes, to a stream and to a collector', async () => {
    const sink = new SlowSink();
    const streamed = new OutputStream(sink);
    const got: string[] = [];
    const collected = new OutputStream({ write: (s) => void got.push(String(s)) });
    let expected = '';
    for (let i = 0; i < 5_000; i++) {
      for (const out of [streamed, collected]) {
        if (i % 3 === 0) out.line(`text ${i} \u2192`);
        else putLine(out, [['uint', i, 6], ['text', ' bytes \u2192']]);
      }
      expected += i % 3 === 0 ? `text ${i} \u2192\n` : `${String(i).padStart(6, ' ')} bytes \u2192\n`;
    }
    for (const out of [streamed, collected]) await out.end();
    await settle(sink);
    expect(Buffer.concat(sink.chunks).toString('utf8')).toBe(expected);
    expect(got.join('')).toBe(expected);
  });

  it.each(['stream', 'collector'])('a line longer than a write goes out whole (%s)', async (kind) => {
    const sink = new SlowSink();
    const got: string[] = [];
    const out = new OutputStream(kind === 'stream' ? sink : { write: (s) => void got.push(String(s)) });
    const long = '\u2192'.repeat(30_000) + 'z'.repeat(50_000);
    putLine(out, [['text', 'a']]);
    expect(out.room(3 * long.length + 1)).toBe(true);
    out.putText(long);
    out.putByte(0x0a);
    putLine(out, [['text', 'b']]);
    await out.end();
    await settle(sink);
    const text = kind === 'stream' ? Buffer.concat(sink.chunks).toString('utf8') : got.join('');
    expect(text).toBe(`a\n${long}\nb\n`);
  });

  it('a flush after every line (-l) keeps every line intact while the stream still holds the earlier ones', async () => {
    const sink = new SlowSink();
    const out = new OutputStream(sink);
    const lines = mixedLines(4_000);
    for (const l of lines) {
      putLine(out, [['text', l]]);
      out.flush();
    }
    await out.end();
    await settle(sink);
    expect(sink.chunks.length).toBe(lines.length);
    expect(Buffer.concat(sink.chunks).toString('utf8')).toBe(lines.join('\n') + '\n');
  });

  it('once the reader has gone, room() says so', () => {
    const sink = new SlowSink();
    const out = new OutputStream(sink);
    sink.emit('error', Object.assign(new Error('gone'), { code: 'EPIPE' }));
    expect(out.room(10)).toBe(false);
  });
});

const bin = join(repoRoot, 'packages', 'cli', 'bin', 'netdissect.js');

/** The built command's stdout bytes, exit status and stderr, stdout read through a pipe (optionally closed after `keepBytes`). */
function runBin(args: string[], keepBytes = Infinity): Promise<{ stdout: Buffer; stderr: string; status: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      chunks.push(b);
      size += b.length;
      if (size >= keepBytes) child.stdout.destroy();
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (status) => resolve({ stdout: Buffer.concat(chunks), stderr, status }));
  });
}

describe.skipIf(!corpusAvailable())('netdissect writing to a pipe', () => {
  it.each(['dns/DnsPackets.pcap', 'tcp/206_example_c.pcap'])('%s: the summary bytes equal tshark\'s', async (capture) => {
    // Both outputs are over 64 KB: many writes.
    const golden = readFileSync(join(goldensDir, 'summary', `${capture.replace('/', '__')}.txt`));
    const r = await runBin(['-n', '-o', 'tcp.reassemble_out_of_order:TRUE', '-r', corpusPath(capture)]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(golden.length).toBeGreaterThan(1 << 16);
    expect(r.stdout.equals(golden)).toBe(true);
  });

  // Tree, JSON and tree output whose packets hold non-ASCII text, each over 128 KB.
  it.each(['V-dns-edns', 'json-smtp', 'V-imap'])('CLI case %s: the bytes equal tshark\'s', async (name) => {
    const c = loadCliCases().find((x) => x.name === name)!;
    const golden = readFileSync(join(goldensDir, 'cli', `${name}.txt`));
    const r = await runBin(cliCaseArgs(c));
    expect(r.stderr).toBe('');
    expect(r.stdout.equals(golden)).toBe(true);
  });

  it('a reader that stops early (| head) ends the run quietly, status 0', async () => {
    const r = await runBin(['-r', corpusPath('tcp/206_example_c.pcap'), '-V'], 100);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
