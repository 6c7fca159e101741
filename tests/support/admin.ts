/** Shared steps of the console's browser tests: sign-in, API calls as an admin or a station, checks. */
import { readFileSync } from 'node:fs';
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import type { TrustedKey } from '../../src/protocol/pack-manifest.ts';

/** The demo admin's password is fixed for browser tests by scripts/e2e-hub.sh. */
export const ADMIN = { username: 'admin', password: 'e2e-admin-password' };

/** A name no other test (or earlier run against the same hub) uses. */
export function unique(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The key the e2e hub signs with (the build's demo key, data/keys/publisher.json). */
export function hubKey(): TrustedKey {
  const path = process.env.KEPU_PUBLISHER_KEY ?? 'data/keys/publisher.json';
  const { keyId, publicKey } = JSON.parse(readFileSync(path, 'utf8')) as TrustedKey;
  return { keyId, publicKey };
}

/** Collects Content-Security-Policy violations and page errors; `expectNone()` at the end. */
export function watchPage(page: Page) {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Refused to load (CSP ${e.violatedDirective}): ${e.blockedURI}`);
    });
  });
  return { expectNone: () => expect(problems, 'CSP violations or page errors').toEqual([]) };
}

const LABELS = {
  en: { username: 'Username', password: 'Password', submit: 'Sign in', menu: 'Main menu' },
  'zh-CN': { username: '用户名', password: '密码', submit: '登录', menu: '主菜单' },
} as const;

/** Opens the console in `locale` and signs in (as the demo admin unless told otherwise). */
export async function signIn(
  page: Page,
  options: { locale?: keyof typeof LABELS; username?: string; password?: string } = {},
) {
  const locale = options.locale ?? 'en';
  const labels = LABELS[locale];
  await page.addInitScript((l) => localStorage.setItem('kepu-admin-locale', l), locale);
  await page.goto('/admin/');
  await page.getByLabel(labels.username).fill(options.username ?? ADMIN.username);
  await page.getByLabel(labels.password, { exact: true }).fill(options.password ?? ADMIN.password);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
  await expect(page.getByRole('navigation', { name: labels.menu })).toBeVisible();
}

/** Admin API calls from the test itself (the request context keeps the session cookie). */
export async function adminApi(request: APIRequestContext, baseURL: string) {
  const login = await request.post('/api/v1/admin/login', { data: ADMIN });
  expect(login.ok()).toBe(true);
  const { csrfToken } = await login.json();
  const headers = { 'x-csrf-token': csrfToken, origin: baseURL };
  return {
    headers,
    get: async (path: string) => (await request.get(`/api/v1/admin${path}`)).json(),
    post: (path: string, data: unknown) => request.post(`/api/v1/admin${path}`, { headers, data }),
    put: (path: string, data: unknown) => request.put(`/api/v1/admin${path}`, { headers, data }),
    /** A new station in `group`, enrolled the way a kiosk does it; returns its id and token. */
    async station(group: string, name = unique('测试站'), town = '河口镇') {
      const created = await request.post('/api/v1/admin/stations', {
        headers,
        data: { name, town, group },
      });
      const { station, enrollmentCode } = await created.json();
      const enrolled = await request.post('/api/v1/enroll', { data: { code: enrollmentCode } });
      const { token } = await enrolled.json();
      return {
        id: station.id as string,
        name,
        token: token as string,
        enrollmentCode: enrollmentCode as string,
      };
    },
  };
}

/** A station-token GET, as a kiosk makes it. */
export async function asStation(request: APIRequestContext, token: string, path: string) {
  const res = await request.get(path, { headers: { authorization: `Bearer ${token}` } });
  expect(res.ok(), `${path} ${res.status()}`).toBe(true);
  return res.json();
}

/**
 * Controls smaller than `min` CSS px either way (inline text links are exempt, as in WCAG
 * 2.5.8). `selector` narrows the check, e.g. to the console's full-size buttons.
 */
export async function smallControls(
  page: Page,
  min = 24,
  selector = 'button, input:not([type="hidden"]), select, textarea, [role="button"], a.button, .menu a',
): Promise<string[]> {
  return page.evaluate(
    ([size, selector]) => {
      const found: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>(selector)) {
        const r = el.getBoundingClientRect();
        if (r.width <= 1 && r.height <= 1) continue;
        if (el.closest('dialog:not([open])')) continue;
        if (r.width < Number(size) || r.height < Number(size)) {
          found.push(
            `${el.tagName.toLowerCase()}.${el.className} "${el.textContent?.trim().slice(0, 20)}" ${Math.round(r.width)}x${Math.round(r.height)}`,
          );
        }
      }
      return found;
    },
    [min, selector] as const,
  );
}

/** Settles the page (charts drawn, fonts loaded) before a check or a screenshot. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await expect(page.getByText(/Loading…/)).toHaveCount(0);
}

/** Elements that make the page scroll sideways (tables scroll inside their own region and are fine). */
export async function pageOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const found: string[] = [`page scrolls to ${document.documentElement.scrollWidth}px`];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (el.closest('.table-scroll')) continue;
      const r = el.getBoundingClientRect();
      if (r.right > width + 1)
        found.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(r.right)}`);
    }
    return found.slice(0, 8);
  });
}
