import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { runNetdissect } from '../support/run-cli.js';
// @ts-expect-error -- plain JavaScript beside the bin, without type declarations
import { codeCachePath, printsThroughScript } from '../../packages/cli/bin/script-loader.js';

const bin = join(repoRoot, 'packages', 'cli', 'bin', 'netdissect.js');
const loader = join(repoRoot, 'packages', 'cli', 'bin', 'script-loader.js');
const bundledScript = join(repoRoot, 'packages', 'cli', 'dist-bundle', 'script.cjs');
const reportHook = join(repoRoot, 'test', 'cli', 'support', 'report-script-compiles.mjs');
const lab = join(repoRoot, 'fixtures', 'lab', 'smtp-auth-plain.pcap');
const tmp = mkdtempSync(join(tmpdir(), 'nd-script-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cachePathOf = codeCachePath as (scriptPath: string, source: string) => string;

/**
 * Loads `script` with the launcher's loader in a fresh node (the flags V8
 * checks a cache against are a plain node's), runs the command in it on
 * the lab capture, and says whether the cache was used and what it printed.
 */
function loadInChild(script: string): { cacheUsed: boolean; stdout: string } {
  const program = `
    import { loadScript } from ${JSON.stringify(loader)};
    const loaded = loadScript(${JSON.stringify(script)});
    let stdout = '';
    const status = await loaded.exports.runCli(['-r', ${JSON.stringify(lab)}], { stdout: { write: (s) => (stdout += s) }, stderr: process.stderr });
    process.stdout.write(JSON.stringify({ cacheUsed: loaded.cacheUsed, status, stdout }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout) as { cacheUsed: boolean; status: number; stdout: string };
  expect(out.status).toBe(0);
  return out;
}

/** A copy of the bundled script and its cache in a directory of its own. */
function copyOfBundle(name: string): { script: string; cache: string } {
  const dir = mkdtempSync(join(tmp, name));
  const script = join(dir, 'script.cjs');
  copyFileSync(bundledScript, script);
  const cache = cachePathOf(script, readFileSync(script, 'utf8'));
  copyFileSync(cachePathOf(bundledScript, readFileSync(bundledScript, 'utf8')), cache);
  return { script, cache };
}

describe('the script bundle and its code cache', () => {
  it('the build leaves a cache V8 takes, wherever the bundle lies', async () => {
    const { script } = copyOfBundle('moved-');
    const r = loadInChild(script);
    expect(r.cacheUsed).toBe(true);
    expect(r.stdout).toBe((await runNetdissect(['-r', lab])).stdout);
  });

  it('a script changed without changing its length does not meet the old cache', () => {
    // V8 checks a cache against the source's length only: the cache's name carries a hash of the source.
    const { script, cache } = copyOfBundle('edited-');
    const source = readFileSync(script, 'utf8');
    const at = source.indexOf('internal error');
    expect(at).toBeGreaterThan(0);
    const edited = `${source.slice(0, at)}Internal error${source.slice(at + 'Internal error'.length)}`;
    expect(edited.length).toBe(source.length);
    writeFileSync(script, edited);
    expect(cachePathOf(script, edited)).not.toBe(cache);
    expect(loadInChild(script).cacheUsed).toBe(false);
  });

  it('a damaged cache is refused and the script compiles as without one', async () => {
    const { script, cache } = copyOfBundle('damaged-');
    const bytes = readFileSync(cache);
    for (let i = 0; i < bytes.length; i += 7) bytes[i] = bytes[i]! ^ 0x5a;
    writeFileSync(cache, bytes);
    const r = loadInChild(script);
    expect(r.cacheUsed).toBe(false);
    expect(r.stdout).toBe((await runNetdissect(['-r', lab])).stdout);
  });
});

describe('the launcher', () => {
  it('prints through the script bundle unless on a terminal or asked for the terminal UI', () => {
    const choose = printsThroughScript as (argv: string[], stdoutIsTty: boolean) => boolean;
    expect(choose(['-r', 'x.pcap'], false)).toBe(true);
    expect(choose(['-r', 'x.pcap', '-V'], false)).toBe(true);
    expect(choose(['-r', 'x.pcap'], true)).toBe(false);
    expect(choose(['-r', 'x.pcap', '-V'], true)).toBe(false);
    expect(choose(['--tui', '-r', 'x.pcap'], false)).toBe(false);
    expect(choose(['-r', 'x.pcap', '--tui=1'], false)).toBe(false);
    expect(choose(['-r', 'x.pcap', '--no-tui'], false)).toBe(true);
  });

  it.each([
    [[]],
    [['-V']],
    // eth.src.oui_resolved reads core's OUI table, found from the module's location before bundling.
    [['-T', 'fields', '-e', 'frame.number', '-e', 'eth.src.oui_resolved', '-e', 'smtp.req.command', '-e', 'smtp.auth.username']],
    [['-Y', 'smtp.response.code == 235', '-x']],
    [['-q', '-z', 'io,phs']],
  ])('netdissect %j through a pipe runs the script bundle from its cache and prints what the command prints in-process', async (args) => {
    const r = spawnSync(process.execPath, ['--import', reportHook, bin, '-r', lab, ...args], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`[vm.Script ${bundledScript} cache=used]\n`);
    const inProcess = await runNetdissect(['-r', lab, ...args]);
    expect(r.stdout).toBe(inProcess.stdout);
    expect(r.stdout.length).toBeGreaterThan(0);
  });

  it('a user error through the script bundle is still one line and status 2', () => {
    const r = spawnSync(process.execPath, ['--import', reportHook, bin, '-r', lab, '-Y', 'smtp.req.command ==='], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines[0]).toBe(`[vm.Script ${bundledScript} cache=used]`);
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toMatch(/^netdissect: /);
  });
});
