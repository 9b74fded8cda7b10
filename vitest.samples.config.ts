import { defineConfig } from 'vitest/config';

// `npm run test:samples`: runs the docs' code samples in seven languages. Kept out of `npm test`
// because it needs python3 with requests, php, a JDK, go, curl and openssl.
export default defineConfig({
  test: {
    include: ['test/samples/**/*.test.ts'],
    // Java and Go compile their sample before running it. The samples run one after another,
    // because a loaded 2-core CI machine cannot compile two of them next to a server in time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
