// Preloaded into a netdissect process (node --import ./report-script-compiles.mjs
// netdissect.js ...): each script the launcher compiles with node:vm is named
// on stderr with what became of its code cache, so a test can see which
// bundle ran and whether V8 took the cache.
import vm from 'node:vm';

const Script = vm.Script;
vm.Script = class ReportedScript extends Script {
  constructor(code, options) {
    super(code, options);
    const cache = options?.cachedData === undefined ? 'none' : this.cachedDataRejected ? 'rejected' : 'used';
    process.stderr.write(`[vm.Script ${options?.filename} cache=${cache}]\n`);
  }
};
