/**
 * The browser tests' `test`: Playwright's, plus an automatic check that no page logged a
 * Content-Security-Policy violation or an uncaught error during the test.
 */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ pageProblems: string[] }>({
  pageProblems: [
    async ({ context }, use) => {
      const problems: string[] = [];
      const watch = (page: import('@playwright/test').Page) => {
        page.on('console', (message) => {
          if (/Content[- ]Security[- ]Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
        });
        page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(problems);
      expect(problems, 'CSP violations or uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
/** For a test that needs its own browser (a persistent profile to close and reopen). */
export { chromium } from '@playwright/test';
export { expect };
