/** Finds a Chromium for the browser tests, or explains in one line how to get one. */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const INSTALL_HINT =
  'No Chromium found for the browser tests. Install one with `sudo apt-get install -y chromium fonts-noto-cjk`, or set CHROMIUM_PATH to a Chromium binary.';

/** Order: $CHROMIUM_PATH, Playwright's own download, /usr/bin/chromium. */
export function findChromium(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    safePlaywrightPath(),
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ];
  const found = candidates.find((path): path is string => Boolean(path && existsSync(path)));
  if (!found) throw new Error(INSTALL_HINT);
  return found;
}

function safePlaywrightPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** Flags for a closed network and a root user (see toolchain notes). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
