import { defineConfig } from 'vitest/config';

// Province scale (npm run test:province): 3 hubs, PostgreSQL, s3rver and nginx started by the test.
export default defineConfig({
  test: { include: ['tests/province/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 120_000 },
});
