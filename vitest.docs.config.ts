import { defineConfig } from 'vitest/config';

// `npm run test:docs`: builds the docs pages and checks them in headless Chromium, tests the
// Redocly lint rules and decorators, and replays a spec change through the client and the docs.
// Kept out of `npm test` because it needs Chromium (Debian package chromium).
export default defineConfig({
  test: {
    include: ['test/docs/**/*.test.ts'],
    // Every file starts Redocly CLI or Chromium; one at a time keeps a 2-core machine responsive.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
