/** @netdissect/cli: the netdissect command, callable in-process (tests, embedding). */
export { runCli, type CliIo } from './cli.js';
export { knownOptions, parseCliOptions, type CliOptions } from './cli-options.js';
export { UsageError } from './usage-error.js';
