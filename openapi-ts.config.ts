import { defineConfig } from '@hey-api/openapi-ts';

// `npm run generate` reads the contract and rewrites generated/. Never edit generated/ by hand.
export default defineConfig({
  input: './openapi/openapi.yaml',
  output: {
    path: './generated',
    // Explicit .ts specifiers let Node 22 run the sources directly (type stripping) and
    // let the bundler resolve them the same way.
    module: { extension: '.ts' },
    postProcess: [],
  },
  plugins: [
    '@hey-api/client-fetch',
    '@hey-api/typescript',
    // Writes the contract's request and response examples as values, so an example changed in
    // the spec changes generated/ too (tests check them against the client's validation).
    '@hey-api/examples',
    'valibot',
    // The client validates requests and responses itself with the valibot schemas generated
    // here, so the SDK functions do not validate a second time on every call.
    '@hey-api/sdk',
  ],
});
