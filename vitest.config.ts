import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'conformance/**/*.test.ts'],
    // The docs and browser tests need Chromium and the sample tests need php, go and a JDK;
    // they run through `npm run test:docs`, `test:browser` and `test:samples`, so `npm test`
    // needs only python3.
    exclude: ['test/docs/**', 'test/samples/**', 'test/browser/**', '**/node_modules/**'],
    // Tests start real servers on 127.0.0.1 and a long-lived python3 process; keep the
    // default per-test timeout generous enough for a loaded 2-core CI machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
