/**
 * The command for printed output (stdout not a terminal), bundled by
 * scripts/bundle-cli.mjs as one classic script: bin/script-loader.js
 * compiles it with V8's code cache, which Node 20 offers for scripts and not
 * for ES modules. The terminal UI is left out (bin/netdissect.js sends a
 * terminal, or --tui, to the module bundle).
 */
export { runMain } from './run-main.js';
export { runCli } from './cli.js';
