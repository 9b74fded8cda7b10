/**
 * Preloaded with `node --import` when the TypeScript sample runs: resolves the package name
 * `order-reclaim` to this repository's `src/index.ts`, so the sample keeps the import line that
 * users write and still runs against the current source without a build.
 */
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const entry = new URL('../../src/index.ts', import.meta.url);
if (!existsSync(entry)) {
  throw new Error(`The TypeScript sample imports 'order-reclaim', which resolves to ${entry.pathname}, but that file does not exist.`);
}

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'order-reclaim') {
      return { url: pathToFileURL(entry.pathname).href, shortCircuit: true };
    }
    return nextResolve(specifier, context);
  },
});
