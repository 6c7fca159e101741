import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

// Every browser test must use tests/support/test.ts, whose automatic fixture fails a test on
// any Content-Security-Policy violation or uncaught page error.
it('every browser spec imports test from tests/support/test.ts', () => {
  const dir = join(import.meta.dirname, '..', 'e2e');
  const specs = readdirSync(dir).filter((f) => f.endsWith('.spec.ts'));
  expect(specs.length).toBeGreaterThan(0);
  for (const spec of specs) {
    const text = readFileSync(join(dir, spec), 'utf8');
    expect(text, spec).not.toMatch(/from '@playwright\/test'/);
    expect(text, spec).toMatch(/from '\.\.\/support\/test\.ts'/);
  }
});
