import { defineConfig } from 'vitest/config';

// `npm run test:browser`: signs in headless Chromium with WebCrypto and calls the reference
// server across origins. Kept out of `npm test` because it needs Chromium (Debian package
// chromium).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
