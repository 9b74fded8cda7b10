import { defineConfig } from 'tsup';

// `npm run build` writes dist/: ESM (.js) and CommonJS (.cjs) with declarations for each
// package entry, and the CLI as one ESM file with its shebang. valibot, the only runtime
// dependency, stays external; the generated client and everything under src/ is bundled.
// The build script empties dist/ first: the two configurations below run in parallel, so
// tsup's own `clean` in one of them could delete the other's output.
export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      signing: 'src/signing/index.ts',
      server: 'src/server/index.ts',
      conformance: 'src/conformance/index.ts',
    },
    format: ['esm', 'cjs'],
    // tsup passes `baseUrl` to the declaration build, which TypeScript 6 reports as
    // deprecated (TS5101) unless told to ignore it.
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    // Node 20 is the oldest runtime supported at run time; browsers get the same syntax level.
    target: 'es2022',
    platform: 'neutral',
    // server and conformance import node: modules; they stay imports in the output.
    external: [/^node:/],
    sourcemap: false,
    clean: false,
    splitting: true,
    treeshake: true,
    removeNodeProtocol: false,
    outDir: 'dist',
  },
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    sourcemap: false,
    clean: false,
    removeNodeProtocol: false,
    outDir: 'dist',
  },
]);
