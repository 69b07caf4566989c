import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export const SERVER_ADDRESS = '10.200.0.1';
export const CLIENT_ADDRESS = '10.200.0.2';

function ip(args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${(r.stderr || r.error?.message || '').trim()}`);
}

/**
 * Two network namespaces joined by a veth pair in 10.200.0.0/24, named
 * uniquely per run: the lab's server side (10.200.0.1) and the student's
 * side (10.200.0.2) where netdissect captures. All test traffic stays in
 * them; destroy() kills what was started in them and deletes them.
 */
export class LabNetwork {
  readonly serverNs: string;
  readonly clientNs: string;
  /** The veth end inside the client namespace: the interface to capture on. */
  readonly clientIf: string;
  readonly serverIf: string;
  private readonly children = new Set<ChildProcess>();
  private created: string[] = [];

  constructor() {
    const tag = randomBytes(3).toString('hex');
    this.serverNs = `nd-live-${tag}-srv`;
    this.clientNs = `nd-live-${tag}-cli`;
    // Interface names have at most 15 characters.
    this.serverIf = `nd${tag}s`;
    this.clientIf = `nd${tag}c`;
  }

  /** Create the namespaces and the link; undone by destroy() even when it fails half way. */
  create(): void {
    for (const ns of [this.serverNs, this.clientNs]) {
      ip(['netns', 'add', ns]);
      this.created.push(ns);
    }
    ip(['link', 'add', this.serverIf, 'netns', this.serverNs, 'type', 'veth', 'peer', 'name', this.clientIf, 'netns', this.clientNs]);
    for (const [ns, dev, addr] of [
      [this.serverNs, this.serverIf, SERVER_ADDRESS],
      [this.clientNs, this.clientIf, CLIENT_ADDRESS],
    ] as const) {
      ip(['-n', ns, 'addr', 'add', `${addr}/24`, 'dev', dev]);
      ip(['-n', ns, 'link', 'set', dev, 'up']);
      ip(['-n', ns, 'link', 'set', 'lo', 'up']);
    }
    // A veth reports carrier a moment after both ends are up; libpcap orders interfaces by that
    // state, so wait for it: a listing taken earlier and one taken later would differ.
    for (const [ns, dev] of [[this.serverNs, this.serverIf], [this.clientNs, this.clientIf]] as const) waitForCarrier(ns, dev);
  }

  /** Start a process inside a namespace; it is killed by destroy() if still running. */
  spawnIn(ns: string, command: string, args: string[], env?: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', ns, command, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: env ?? process.env });
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    return child;
  }

  destroy(): void {
    for (const child of this.children) child.kill('SIGKILL');
    this.children.clear();
    // Deleting a namespace deletes the veth end inside it, and so the pair.
    for (const ns of this.created) spawnSync('ip', ['netns', 'del', ns]);
    this.created = [];
  }
}

/** Wait (at most 5 s) until `dev` in `ns` is operationally up. */
function waitForCarrier(ns: string, dev: string): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 100; i++) {
    const out = spawnSync('ip', ['-n', ns, '-o', 'link', 'show', 'dev', dev], { encoding: 'utf8' }).stdout;
    if (/ state UP /.test(out)) return;
    Atomics.wait(pause, 0, 0, 50);
  }
  throw new Error(`${dev} in ${ns} did not come up`);
}
