import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { LabNetwork } from './support/lab-network.js';
import { capIsBuilt, netdissectBin, reportSkip, whyLiveCaptureTestsCannotRun } from './support/live-test-environment.js';

const hideCap = join(repoRoot, 'test', 'live', 'support', 'hide-cap.mjs');
const cliBuilt = existsSync(join(repoRoot, 'packages', 'cli', 'dist', 'main.js'));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command to its end (bounded); the tests below run concurrently, each CLI start costs about a second. */
function run(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** One line on stderr, nothing on stdout, status 2 (as for usage errors), and no stack trace. */
function expectOneLineError(r: Run, message: RegExp): void {
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(r.stderr).toMatch(/^netdissect: /);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.status).toBe(2);
}

const CAP_MISSING =
  /^netdissect: live capture needs the optional native module "cap", which is not installed \(npm leaves it out when it cannot be built\): install libpcap's development files \(Debian\/Ubuntu: apt-get install libpcap-dev; Fedora: dnf install libpcap-devel\), then run "npm install" in netdissect's directory\n$/;

describe.skipIf(reportSkip('the missing-cap message', cliBuilt ? null : 'the CLI is not built (npx tsc -b)'))('without the cap module', { concurrent: true }, () => {
  it.each([[['-i', 'eth0']], [['-D']]])('netdissect %j says in one line what to install and how to build cap', async (args) => {
    expectOneLineError(await run(process.execPath, ['--import', hideCap, netdissectBin, ...args]), CAP_MISSING);
  });

  // Through a pipe the command runs as one script, which loads cap with require(); as modules
  // (on a terminal), with import(): the same message from either.
  it('the same from the command run as modules, which loads cap with import()', async () => {
    expectOneLineError(await run(process.execPath, ['--import', hideCap, join(repoRoot, 'packages', 'cli', 'dist', 'main.js'), '-D']), CAP_MISSING);
  });
});

describe.skipIf(reportSkip('the unknown-interface message', cliBuilt && capIsBuilt() ? null : 'the CLI or the cap module is not built'))('with cap built', () => {
  it('a nonexistent interface is one line naming it', async () => {
    expectOneLineError(await run(process.execPath, [netdissectBin, '-i', 'nd-nosuch0', '-c', '1']), /^netdissect: there is no interface named "nd-nosuch0" \(netdissect -D lists the interfaces\)\n$/);
  });
});

describe.skipIf(reportSkip('capture errors in a namespace', whyLiveCaptureTestsCannotRun()))('capture errors, in a namespace of their own', { concurrent: true }, () => {
  const lab = new LabNetwork();
  const inNs = (args: string[]): Promise<Run> => run('ip', ['netns', 'exec', lab.clientNs, process.execPath, netdissectBin, ...args]);

  beforeAll(() => lab.create());
  afterAll(() => lab.destroy());

  it('a bad capture filter is one line with libpcap\'s reason', async () => {
    expectOneLineError(
      await inNs(['-i', lab.clientIf, '-f', 'port nonsense']),
      new RegExp(`^netdissect: invalid capture filter "port nonsense" for interface "${lab.clientIf}": unknown port 'nonsense' \\(syntax: man pcap-filter\\)\\n$`),
    );
    expectOneLineError(await inNs(['-i', lab.clientIf, '-f', 'tcp and']), /invalid capture filter "tcp and" for interface .*: can't parse filter expression: syntax error/);
  });

  it('-i accepts the number -D prints', async () => {
    const list = await inNs(['-D']);
    const number = list.stdout.split('\n').find((l) => l.endsWith(`. ${lab.clientIf}`))!.split('.')[0]!;
    const r = await inNs(['-i', number, '-a', 'duration:1', '-f', 'udp port 9']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`Capturing on '${lab.clientIf}'\n0 packets captured\n`);
  });

  it('-D lists the interfaces as dumpcap -D does', async () => {
    const r = await inNs(['-D']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n').filter(Boolean);
    for (const [i, line] of lines.entries()) expect(line).toMatch(new RegExp(`^${i + 1}\\. \\S+( \\(.+\\))?$`));
    const names = lines.map((l) => l.replace(/^\d+\. /, ''));
    expect(names).toEqual(expect.arrayContaining([lab.clientIf, 'any', 'lo (Loopback)']));
    // dumpcap (Wireshark's capture engine) is the oracle where it is installed.
    const dumpcap = await run('ip', ['netns', 'exec', lab.clientNs, 'dumpcap', '-D']);
    if (dumpcap.status === 0) expect(r.stdout).toBe(dumpcap.stdout);
  });

  it('without permission to capture: one line saying what is needed', async () => {
    // setpriv drops root; the repository must be readable by "nobody" (65534) for this check.
    const asNobody = (args: string[]): Promise<Run> =>
      run('ip', ['netns', 'exec', lab.clientNs, 'setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, netdissectBin, ...args]);
    const probe = await asNobody(['--version']);
    if (probe.status !== 0) {
      console.warn(`[live capture] skipping the permission check: user 65534 cannot run ${netdissectBin} (${probe.stderr.trim().split('\n')[0]})`);
      return;
    }
    expectOneLineError(
      await asNobody(['-i', lab.clientIf]),
      new RegExp(`^netdissect: you do not have permission to capture on "${lab.clientIf}" \\(socket: Operation not permitted\\): run netdissect as root, or give node the capabilities CAP_NET_RAW and CAP_NET_ADMIN`),
    );
  });
});
