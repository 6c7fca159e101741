import { defineConfig } from 'vitest/config';

// Unit tests need only the JSX transform, not the build's pack and PWA plugins.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'tests/integration/**/*.test.ts'],
  },
});
