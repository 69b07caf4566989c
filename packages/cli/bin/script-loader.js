// Loads the script bundle (dist-bundle/script.cjs, see scripts/bundle-cli.mjs)
// with V8's code cache: the bytecode of every function a warm-up run compiled,
// so a run starts without parsing and compiling the dissectors again (a
// tenth to a sixth of the time of a capture of up to a few thousand packets).
// Node 20 caches code for scripts only (vm.Script), not for ES modules.
//
// The cache is named by a hash of the script, because V8 checks only the
// source's length: a rebuilt script never meets an older cache. V8 rejects a
// cache made by another V8 version or with other flags; the script then
// compiles as usual.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

// node:crypto only when a script is loaded: the launcher imports this module for a terminal UI run too.
const requireBuiltin = createRequire(import.meta.url);

/** Where the code cache of a script with this source (its text, or its bytes in UTF-8) lives. */
export function codeCachePath(scriptPath, source) {
  const hash = requireBuiltin('node:crypto').createHash('sha256').update(source).digest('hex').slice(0, 16);
  return join(dirname(scriptPath), `script-${hash}.v8cache`);
}

/**
 * Compiles and runs the CommonJS script at `scriptPath`, from its code cache
 * when there is one (`useCache` false ignores it). Returns its exports, the
 * vm.Script (to make a cache from) and whether the cache was used. The
 * script must not call import(): a vm.Script has no module loader to call
 * without an experimental option, and loses it anyway when compiled from a
 * cache (the build turns import() into require()).
 */
export function loadScript(scriptPath, useCache = true) {
  // Hashed as read, decoded once.
  const bytes = readFileSync(scriptPath);
  const cachePath = codeCachePath(scriptPath, bytes);
  const source = bytes.toString('utf8');
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(cachePath);
    } catch {
      cachedData = undefined;
    }
  }
  // The wrapper Node puts around a CommonJS module, so the script sees the same names.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: scriptPath, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(scriptPath), module, scriptPath, dirname(scriptPath));
  return { exports: module.exports, script, cachePath, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

/** Writes the code of every function compiled so far as the script's cache (whole or not at all, for a run reading it meanwhile). */
export function writeCodeCache(loaded) {
  const part = `${loaded.cachePath}.${process.pid}.part`;
  writeFileSync(part, loaded.script.createCachedData());
  renameSync(part, loaded.cachePath);
}

/**
 * Whether a run prints through the script bundle: its stdout is not a
 * terminal and it does not ask for the terminal UI (--tui), which only the
 * module bundle has. The command opens the UI on its own only for a terminal.
 */
export function printsThroughScript(argv, stdoutIsTty) {
  return !stdoutIsTty && !argv.some((a) => a === '--tui' || a.startsWith('--tui='));
}
