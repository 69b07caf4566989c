import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { prioritizeInput } from '../../src/tui/input-priority.js';
import { holdBackgroundWork, yieldToEventLoop } from '../../src/tui/time-slice.js';

const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Background work as the passes do it: a slice, then a yield; counts its slices until stopped. */
function backgroundWork(): { slices: () => number; stop: () => void } {
  let slices = 0;
  let running = true;
  void (async () => {
    while (running) {
      slices++;
      await yieldToEventLoop();
    }
  })();
  return { slices: () => slices, stop: () => (running = false) };
}

describe('background work waits for a hold', () => {
  it('stops at its next yield until the hold settles, then goes on', async () => {
    const work = backgroundWork();
    await turns(5);
    let release!: () => void;
    holdBackgroundWork(new Promise<void>((resolve) => (release = resolve)));
    await turns(2);
    const held = work.slices();
    await turns(20);
    expect(work.slices()).toBe(held);
    release();
    await turns(20);
    expect(work.slices()).toBeGreaterThan(held + 10);
    work.stop();
    await turns(2);
  });
});

describe('keystrokes before background work', () => {
  const terminal = (): { stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream; written: string[] } => {
    const written: string[] = [];
    const stdin = new Readable({ read() {} }) as unknown as NodeJS.ReadStream;
    const stdout = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(chunk.toString());
        done();
      },
    }) as unknown as NodeJS.WriteStream;
    // Ink's App reads the keys on 'readable'.
    stdin.on('readable', () => {
      while (stdin.read() !== null);
    });
    return { stdin, stdout, written };
  };

  /** Background work running, then a key: the slices counted once the hold has begun. */
  async function pressWhileWorking(key: string) {
    const t = terminal();
    const undo = prioritizeInput(t.stdin, t.stdout);
    const work = backgroundWork();
    await turns(5);
    t.stdin.push(key);
    await turns(3);
    const finish = async (): Promise<void> => {
      undo();
      work.stop();
      await turns(2);
    };
    return { ...t, work, held: work.slices(), finish };
  }

  it('holds background work from a key until the next frame is written', async () => {
    const { stdout, written, work, held, finish } = await pressWhileWorking('j');
    await turns(20);
    expect(work.slices()).toBe(held);
    stdout.write('the frame');
    await turns(20);
    expect(work.slices()).toBeGreaterThan(held + 10);
    expect(written).toEqual(['the frame']);
    await finish();
  });

  it('lets background work go on after a while when the key draws nothing', async () => {
    const { work, held, finish } = await pressWhileWorking('x');
    await sleep(30);
    expect(work.slices()).toBe(held);
    await sleep(150);
    expect(work.slices()).toBeGreaterThan(held);
    await finish();
  });

  it('gives the output stream its own write back', () => {
    const { stdin, stdout } = terminal();
    const write = stdout.write;
    const undo = prioritizeInput(stdin, stdout);
    expect(stdout.write).not.toBe(write);
    undo();
    expect(stdout.write).toBe(write);
    expect(Object.hasOwn(stdout, 'write')).toBe(false);
    expect(stdin.listenerCount('readable')).toBe(1);
  });
});
