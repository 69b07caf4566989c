#!/usr/bin/env node
// Conformance by fuzzing: `npm run fuzz:differential -- --seed S --cases N --out DIR`
// writes fuzz cases and lists those whose -V output differs from tshark's
// (test/fuzz/harness/differential-main.ts). Loaded as scripts/fuzz.mjs is.
import { register } from 'node:module';

register('./fuzz/ts-loader.mjs', import.meta.url);
await import('../test/fuzz/harness/differential-main.ts');
