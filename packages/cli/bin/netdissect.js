#!/usr/bin/env node
// Thin launcher so the bin exists before the TypeScript build runs. It loads
// the bundle of scripts/bundle-cli.mjs (dist-bundle/, a few files instead of
// hundreds: the terminal UI opens in a fraction of the time) when that is at
// least as new as the last `tsc -b` of every package in it, else dist/.
import { readFileSync, statSync } from 'node:fs';

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

const bundle = new URL('../dist-bundle/', import.meta.url);
await import(bundleIsCurrent(bundle) ? new URL('main.js', bundle).href : '../dist/main.js');
