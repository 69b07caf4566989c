#!/usr/bin/env node
// Thin launcher so the bin exists before the TypeScript build runs. It loads
// the bundles of scripts/bundle-cli.mjs (dist-bundle/, a few files instead of
// hundreds: the terminal UI opens in a fraction of the time) when they are at
// least as new as the last `tsc -b` of every package in them, else dist/.
// Printed output runs the script bundle from V8's code cache
// (script-loader.js); a terminal, or --tui, the module bundle, which has the
// terminal UI.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadScript, printsThroughScript } from './script-loader.js';

function bundleIsCurrent(dir) {
  try {
    const built = statSync(new URL('main.js', dir)).mtimeMs;
    const stamps = JSON.parse(readFileSync(new URL('build-stamps.json', dir), 'utf8'));
    // A package rebuilt since the bundle was made means the bundle is out of date (a missing record does not).
    for (const stamp of stamps) if (statSync(new URL(stamp, dir), { throwIfNoEntry: false })?.mtimeMs > built) return false;
    return true;
  } catch {
    return false;
  }
}

/** The script bundle's exports, when this run prints its output and the bundle can run here. */
function printingScript(dir, argv) {
  if (!printsThroughScript(argv, !!process.stdout.isTTY)) return null;
  const path = fileURLToPath(new URL('script.cjs', dir));
  if (statSync(path, { throwIfNoEntry: false }) === undefined) return null;
  return loadScript(path).exports;
}

const argv = process.argv.slice(2);
const bundle = new URL('../dist-bundle/', import.meta.url);
if (!bundleIsCurrent(bundle)) await import('../dist/main.js');
else {
  const script = printingScript(bundle, argv);
  if (script) script.runMain(argv);
  else await import(new URL('main.js', bundle).href);
}
