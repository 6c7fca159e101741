import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/support/chromium.ts';

const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  // No retries, in CI either: a test that passes only on a second try points at a cause to fix.
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 60_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 1920, height: 1080 },
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  // The app-update test follows a service-worker lifecycle in real time; under the load of the
  // other tests Chromium sometimes never activates the waiting worker (see sw-bridge.ts), so it
  // runs alone, after the rest.
  projects: [
    { name: 'kiosk-and-hub', testIgnore: /app-update\.spec\.ts/ },
    { name: 'app-update-alone', testMatch: /app-update\.spec\.ts/, dependencies: ['kiosk-and-hub'] },
  ],
  // Tests run against the production build (npm run build first), served by a real hub.
  webServer: {
    command: 'bash scripts/e2e-hub.sh',
    env: { PORT: String(PORT), HOST: '127.0.0.1' },
    url: `http://127.0.0.1:${PORT}/api/v1/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
