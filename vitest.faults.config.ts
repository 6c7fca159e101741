import { defineConfig } from 'vitest/config';

// Long-running fault-injection tests: npm run test:faults.
export default defineConfig({
  test: { include: ['tests/faults/**/*.test.ts'], testTimeout: 900_000, hookTimeout: 300_000 },
});
