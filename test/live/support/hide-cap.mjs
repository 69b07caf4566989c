// Makes `cap` unresolvable, as on a machine where the optional dependency
// was not installed: node --import ./hide-cap.mjs netdissect.js -i ...
// netdissect loads cap with a dynamic import() (the module bundle, which
// the resolve hook below sees) or with require() (the script bundle, which
// the CommonJS resolver's override sees).
import { createRequire, register } from 'node:module';

const hooks = `
export async function resolve(specifier, context, next) {
  if (specifier === 'cap') {
    const err = new Error("Cannot find package 'cap' imported from " + context.parentURL);
    err.code = 'ERR_MODULE_NOT_FOUND';
    throw err;
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

const Module = createRequire(import.meta.url)('node:module');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'cap') {
    const err = new Error("Cannot find module 'cap'");
    err.code = 'MODULE_NOT_FOUND';
    throw err;
  }
  return resolveFilename.call(this, request, ...rest);
};
