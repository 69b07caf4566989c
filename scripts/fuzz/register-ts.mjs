// `node --import ./scripts/fuzz/register-ts.mjs`: install the TypeScript hooks (see ts-loader.mjs).
import { register } from 'node:module';

register('./ts-loader.mjs', import.meta.url);
