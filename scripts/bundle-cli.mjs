#!/usr/bin/env node
// Bundles the netdissect command (packages/cli/dist/main.js, as `tsc -b`
// built it, with the workspace packages and Ink/React it imports) into
// packages/cli/dist-bundle/, which bin/netdissect.js loads when it is at least
// as new as the last build of every bundled package. Loading some 870 module
// files (300 without the terminal UI) took most of the terminal UI's time
// to first screen; some 20 bundle files load in a fraction of it. Dynamic
// imports stay separate chunks, so tshark-style runs do not load Ink.
//
// Usage: node scripts/bundle-cli.mjs   (after `npx tsc -b`; `npm run build` runs both)
import { build } from 'esbuild';
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

// The staleness check of bin/netdissect.js: the tsc build record of every workspace package in the bundle.
const stamps = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /^packages\/([^/]+)\/dist\//.exec(input);
  if (m) stamps.add(posix(relative(outdir, join(packagesDir, m[1], 'tsconfig.tsbuildinfo'))));
}
mkdirSync(outdir, { recursive: true });
writeFileSync(join(outdir, 'build-stamps.json'), `${JSON.stringify([...stamps].sort(), null, 1)}\n`);
