import { afterEach, describe, expect, it } from 'vitest';
import { LiveFrameStore } from '../../src/tui/live-frame-store.js';
import { FrameIndex } from '../../src/tui/frame-index.js';
import { openPacketSource } from '../../src/tui/open-capture.js';
import { SteppedReplaySource } from './support/stepped-replay-source.js';
import { eventually, KEY, renderApp, type RenderedApp } from './support/tui-harness.js';
import { readAllPackets } from '../../../../test/support/resegment-tcp.js';
import { corpusPath } from '../../../../test/support/paths.js';
import { DissectionSession } from '@netdissect/core';

let app: RenderedApp | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});

const status = (s: string): string => s.split('\n').filter((l) => l.trim() !== '').at(-1)!;
const rowNumbers = (s: string): number[] =>
  s
    .split('\n')
    .filter((l) => /^[> ]\s+\d+\s+\d+\.\d+ /.test(l))
    .map((l) => Number(/^[> ]\s+(\d+)/.exec(l)![1]));

async function liveApp(rel: string, rows = 30): Promise<{ source: SteppedReplaySource }> {
  const source = await SteppedReplaySource.of(rel);
  const model = openPacketSource(source, 'replay', {});
  void model.start();
  source.release(5);
  await eventually(() => expect(model.index.count).toBe(5));
  app = await renderApp(model, 140, rows);
  return { source };
}

describe('live capture', () => {
  it('shows frames as they arrive and keeps the newest in view', async () => {
    const { source } = await liveApp('tcp/206_example_c.pcap');
    await eventually(() => expect(status(app!.screen())).toMatch(/Packets: 5 .*Capturing/));
    source.release(195);
    await eventually(() => expect(rowNumbers(app!.screen()).at(-1)).toBe(200));
    expect(rowNumbers(app.screen())[0]).toBeGreaterThan(1);
    // The selection (first frame) stays put while the list follows the tail.
    expect(app.screen()).toContain('Packet 1');
    source.release();
    await eventually(() => expect(status(app!.screen())).toMatch(/Packets: 1069 .*Capture ended/));
    expect(rowNumbers(app.screen()).at(-1)).toBe(1069);
  });

  it('p pauses the list while capturing goes on, and resumes it', async () => {
    const { source } = await liveApp('tcp/206_example_c.pcap');
    source.release(45);
    await eventually(() => expect(rowNumbers(app!.screen()).at(-1)).toBe(50));
    await app!.press('p');
    source.release(50);
    await eventually(() => expect(status(app!.screen())).toMatch(/Packets: 100 .*Paused \(\+50 new\)/));
    expect(rowNumbers(app!.screen()).at(-1)).toBe(50);
    await app!.press('p');
    await eventually(() => expect(rowNumbers(app!.screen()).at(-1)).toBe(100));
    expect(status(app!.screen())).not.toContain('Paused');
  });

  it('moving up stops following the tail; End follows it again', async () => {
    const { source } = await liveApp('tcp/206_example_c.pcap');
    source.release(95);
    await eventually(() => expect(rowNumbers(app!.screen()).at(-1)).toBe(100));
    await app!.press(KEY.end, KEY.up);
    expect(app!.screen()).toContain('Packet 99');
    source.release(100);
    await eventually(() => expect(status(app!.screen())).toMatch(/Packets: 200 /));
    expect(rowNumbers(app!.screen())).toContain(99);
    expect(rowNumbers(app!.screen())).not.toContain(200);
    await app!.press(KEY.end);
    expect(rowNumbers(app!.screen()).at(-1)).toBe(200);
    source.release(10);
    await eventually(() => expect(rowNumbers(app!.screen()).at(-1)).toBe(210));
  });

  it('filters new frames as they arrive and shows their details from memory', async () => {
    const { source } = await liveApp('http/get.pcap');
    await app!.press('/');
    await app!.type('http');
    await app!.press(KEY.enter);
    await eventually(() => expect(status(app!.screen())).toMatch(/Displayed: 1 .*Filter: http/));
    source.release();
    await eventually(() => expect(status(app!.screen())).toMatch(/Packets: 14 .*Displayed: 2 /));
    expect(rowNumbers(app!.screen())).toEqual([4, 9]);
    await app!.press(KEY.down);
    expect(app!.screen()).toContain('Packet 9');
    expect(app!.screen()).toContain('Reassembled TCP (5007 bytes)');
  });
});

describe('live frame store', () => {
  it('keeps the newest frames within its budget and says why older ones are gone', async () => {
    const packets = await readAllPackets(corpusPath('http/get.pcap'));
    const index = new FrameIndex();
    const store = new LiveFrameStore(index, 3000);
    const session = new DissectionSession();
    for (const p of packets) {
      const f = session.dissect(p, null);
      store.keep(p);
      index.add(p, f.pinfo, -1, -1, true);
    }
    expect(store.frame(1)).toBeNull();
    expect(store.frame(14)!.bytes).toEqual(packets[13]!.bytes);
    expect(store.oldestKept).toBeGreaterThan(1);
    const kept = [];
    for await (const b of store.frames(1, 14)) kept.push(...b.map((r) => r.no));
    expect(kept[0]).toBe(store.oldestKept);
    expect(kept.at(-1)).toBe(14);
    expect(store.missingReason).toMatch(/only the last 0 MiB/);
  });
});
