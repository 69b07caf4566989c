// Makes `cap` unresolvable, as on a machine where the optional dependency
// was not installed: node --import ./hide-cap.mjs netdissect.js -i ...
// (netdissect loads cap with a dynamic import(), which these hooks see).
import { register } from 'node:module';

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
