#!/usr/bin/env node
// Bundles the netdissect command (packages/cli/dist/main.js, as `tsc -b`
// built it, with the workspace packages and Ink/React it imports) into
// packages/cli/dist-bundle/, which bin/netdissect.js loads when it is at least
// as new as the last build of every bundled package. Loading some 870 module
// files (300 without the terminal UI) took most of the terminal UI's time
// to first screen; some 20 bundle files load in a fraction of it. Dynamic
// imports stay separate chunks, so tshark-style runs do not load Ink.
//
// It also bundles the command without the terminal UI as one CommonJS script
// (dist-bundle/script.cjs) with a V8 code cache made by a warm-up run
// (scripts/make-code-cache.mjs): Node 20 caches code only for scripts, and
// printed output (not a terminal) runs that script, so a lab-sized capture
// skips compiling the dissectors (bin/script-loader.js).
//
// Usage: node scripts/bundle-cli.mjs   (after `npx tsc -b`; `npm run build` runs both)
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = join(root, 'packages');
const cliDir = join(packagesDir, 'cli');
const outdir = join(cliDir, 'dist-bundle');
const entry = join(cliDir, 'dist', 'main.js');

if (!existsSync(entry)) {
  console.error(`bundle-cli: ${relative(root, entry)} is missing; run npx tsc -b first`);
  process.exit(1);
}

const posix = (p) => p.split(sep).join('/');

/**
 * A workspace module that finds a file next to itself (core's OUI table:
 * new URL('../../data/…', import.meta.url)) must still look where it did
 * before bundling: its import.meta.url becomes its own location, computed
 * from the bundle's (all chunks are written to one directory), so the
 * bundle keeps working when the tree is moved or installed elsewhere.
 */
const workspaceModuleUrls = {
  name: 'workspace-module-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/]dist[\\/].*\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const fromBundle = posix(relative(outdir, args.path));
      return {
        contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`),
        loader: 'js',
      };
    });
  },
};

/**
 * Ink draws every frame from scratch: each text measured again, each row
 * built again cell by cell, two thirds of a keystroke's CPU on a full
 * screen. The terminal UI's caches (packages/cli/src/tui/row-cached-output.ts,
 * ink-text-measure.ts) wrap Ink's own functions and give the same output;
 * they are substituted here for the modules Ink imports, because Ink has no
 * way to pass them in. The unbundled build (tests, a stale bundle) uses
 * Ink as it is.
 */
const inkBuild = join(root, 'node_modules', 'ink', 'build');
const tuiDist = join(cliDir, 'dist', 'tui');
// One cached text measure for the three (ink-text-measure.ts), in a module of its own.
const textMeasure = [
  "import stringWidth from 'string-width';",
  `import { cachedWidestLine } from ${JSON.stringify(join(tuiDist, 'ink-text-measure.js'))};`,
  'export const widestLine = cachedWidestLine(stringWidth);',
];
const INK_SUBSTITUTES = [
  {
    importer: 'renderer.js',
    specifier: './output.js',
    contents: [
      `import Output from ${JSON.stringify(join(inkBuild, 'output.js'))};`,
      "import sliceAnsi from 'slice-ansi';",
      "import { widestLine } from 'ink-caches:text-measure';",
      "import { tokenize, reduceAnsiCodesIncremental, diffAnsiCodes, ansiCodesToString } from '@alcalzone/ansi-tokenize';",
      `import { rowCachedOutput } from ${JSON.stringify(join(tuiDist, 'row-cached-output.js'))};`,
      `import { sgrRowDrawer } from ${JSON.stringify(join(tuiDist, 'sgr-row-drawer.js'))};`,
      // Lines are measured only one at a time there, so the widest line of one is its width.
      'const drawRow = sgrRowDrawer({ tokenize, reduceAnsiCodesIncremental, diffAnsiCodes, ansiCodesToString }, widestLine);',
      'export default rowCachedOutput({ Output, sliceAnsi, stringWidth: widestLine, drawRow });',
    ],
  },
  {
    importer: 'render-node-to-output.js',
    specifier: 'widest-line',
    contents: ["export { widestLine as default } from 'ink-caches:text-measure';"],
  },
  {
    importer: 'dom.js',
    specifier: './measure-text.js',
    contents: [
      "import { widestLine } from 'ink-caches:text-measure';",
      `import { cachedMeasureText } from ${JSON.stringify(join(tuiDist, 'ink-text-measure.js'))};`,
      'export default cachedMeasureText(widestLine);',
    ],
  },
];
const substituted = new Set();
const inkCaches = {
  name: 'ink-caches',
  setup(b) {
    for (const [i, s] of INK_SUBSTITUTES.entries()) {
      const filter = new RegExp(`^${s.specifier.replace(/[.]/g, '\\.')}$`);
      b.onResolve({ filter }, (args) => {
        if (posix(args.importer) !== posix(join(inkBuild, s.importer))) return undefined;
        substituted.add(i);
        return { path: String(i), namespace: 'ink-caches' };
      });
    }
    b.onResolve({ filter: /^ink-caches:text-measure$/ }, () => ({ path: 'text-measure', namespace: 'ink-caches' }));
    b.onLoad({ filter: /.*/, namespace: 'ink-caches' }, (args) => ({
      contents: (args.path === 'text-measure' ? textMeasure : INK_SUBSTITUTES[Number(args.path)].contents).join('\n'),
      // Ink's own dependencies, resolved as Ink resolves them.
      resolveDir: inkBuild,
      loader: 'js',
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: entry },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // React's production build, as the terminal UI picks at run time (it sets NODE_ENV before React loads).
  define: { 'process.env.NODE_ENV': '"production"' },
  // yoga-layout carries WebAssembly; cap is native and optional (loaded with a computed import());
  // react-devtools-core is imported only with DEV=true and is not installed.
  external: ['yoga-layout', 'cap', 'react-devtools-core'],
  // No keepNames: it wraps closures made on every packet (dissector calls, filter tests) and cost
  // some 10% of the first pass; nothing printed depends on a function's or class's name.
  // CommonJS modules inside (React) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module';\nconst require = __bundleCreateRequire(import.meta.url);" },
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  // run-tui sets NODE_ENV at run time for the unbundled build; here the define has already chosen.
  logOverride: { 'assign-to-define': 'silent' },
  metafile: true,
  plugins: [workspaceModuleUrls, inkCaches],
});

// An Ink release that moved these imports would silently lose the caches.
for (const [i, s] of INK_SUBSTITUTES.entries()) {
  if (substituted.has(i)) continue;
  console.error(`bundle-cli: Ink's ${s.importer} no longer imports ${s.specifier}; update INK_SUBSTITUTES`);
  process.exit(1);
}

// The staleness check of bin/netdissect.js: the tsc build record of every workspace package in the bundles.
const stamps = new Set();
function addStamps(metafile) {
  for (const input of Object.keys(metafile.inputs)) {
    const m = /^packages\/([^/]+)\/dist\//.exec(input);
    if (m) stamps.add(posix(relative(outdir, join(packagesDir, m[1], 'tsconfig.tsbuildinfo'))));
  }
}
addStamps(result.metafile);

/**
 * The script bundle: the command without the terminal UI as one CommonJS
 * script, which bin/netdissect.js runs for printed output with V8's code
 * cache (bin/script-loader.js). Its import of the terminal UI resolves to a
 * module that says the UI is not there: the launcher sends a terminal, and
 * --tui, to the module bundle above.
 */
const terminalUiLeftOut = {
  name: 'terminal-ui-left-out',
  setup(b) {
    b.onResolve({ filter: /^\.\/tui\/run-tui\.js$/ }, () => ({ path: 'run-tui', namespace: 'terminal-ui-left-out' }));
    b.onLoad({ filter: /.*/, namespace: 'terminal-ui-left-out' }, () => ({
      contents: "export function runTui() { throw new Error('the terminal UI is not in the script bundle (bin/netdissect.js runs the module bundle for a terminal or --tui)'); }",
      loader: 'js',
    }));
  },
};
const scriptPath = join(outdir, 'script.cjs');
const scriptResult = await build({
  absWorkingDir: root,
  entryPoints: [join(cliDir, 'dist', 'script-entry.js')],
  outfile: scriptPath,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // import.meta.url (workspaceModuleUrls makes it the module's own location) from the script's file name.
  define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '__scriptUrl' },
  banner: { js: "var __scriptUrl = require('node:url').pathToFileURL(__filename).href;" },
  external: ['cap'],
  // import() inside a vm.Script compiled from a code cache has no loader to call (Node 20): what is not
  // bundled (cap, a native CommonJS module) is loaded with require() instead.
  supported: { 'dynamic-import': false },
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [workspaceModuleUrls, terminalUiLeftOut],
});
const uiInputs = Object.keys(scriptResult.metafile.inputs).filter((p) => /node_modules\/(ink|react|yoga-layout)\//.test(p));
if (uiInputs.length) {
  console.error(`bundle-cli: the script bundle took in the terminal UI (${uiInputs[0]}...): something outside tui/ imports it`);
  process.exit(1);
}
addStamps(scriptResult.metafile);
// The code cache, made by a run of the script over the shipped captures (scripts/make-code-cache.mjs).
execFileSync(process.execPath, [join(root, 'scripts', 'make-code-cache.mjs'), scriptPath], { stdio: 'inherit' });

mkdirSync(outdir, { recursive: true });
writeFileSync(join(outdir, 'build-stamps.json'), `${JSON.stringify([...stamps].sort(), null, 1)}\n`);
