#!/usr/bin/env node
import { runCli } from './cli.js';
import { limitHeapGrowth } from './heap-growth.js';

limitHeapGrowth();

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (status) => {
    process.exitCode = status;
  },
  (err: unknown) => {
    process.stderr.write(`netdissect: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
