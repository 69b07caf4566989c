#!/usr/bin/env node
// The long fuzz run (issue 10): `npm run fuzz -- --seconds N [--seed S] [--packets N]`.
// The harness is TypeScript in test/fuzz/harness/ (shared with the short run
// in `npm test`); it is loaded through a small type-stripping hook, while the
// packages under test load from their dist/, so run `npx tsc -b` first.
import { register } from 'node:module';

register('./fuzz/ts-loader.mjs', import.meta.url);
await import('../test/fuzz/harness/fuzz-main.ts');
