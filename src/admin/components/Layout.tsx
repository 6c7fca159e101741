import type { ComponentChildren } from 'preact';
import { LOCALES } from '../../protocol/locales.ts';
import { useConsole, useT } from '../context.ts';
import { LOCALE_NAMES } from '../i18n/index.ts';
import type { Route } from '../router.ts';
import type { Role } from '../session.ts';
import { Link } from './Link.tsx';

const NAV: Array<{ page: Route['page']; label: Parameters<ReturnType<typeof useT>>[0]; role: Role }> = [
  { page: 'overview', label: 'nav.overview', role: 'viewer' },
  { page: 'content', label: 'nav.content', role: 'viewer' },
  { page: 'fleet', label: 'nav.fleet', role: 'viewer' },
  { page: 'usage', label: 'nav.usage', role: 'viewer' },
  { page: 'notices', label: 'nav.notices', role: 'viewer' },
  { page: 'groups', label: 'nav.groups', role: 'viewer' },
  { page: 'alerts', label: 'nav.alerts', role: 'viewer' },
  { page: 'reports', label: 'nav.reports', role: 'viewer' },
  { page: 'warnings', label: 'nav.warnings', role: 'viewer' },
  { page: 'places', label: 'nav.places', role: 'viewer' },
  { page: 'partners', label: 'nav.partners', role: 'admin' },
  { page: 'accounts', label: 'nav.accounts', role: 'admin' },
  { page: 'keys', label: 'nav.keys', role: 'viewer' },
  { page: 'audit', label: 'nav.audit', role: 'admin' },
];

/** Which menu entry a page belongs to. */
function section(page: Route['page']): Route['page'] {
  if (page === 'draft' || page === 'release') return 'content';
  if (page === 'station') return 'fleet';
  return page;
}

/** The console's frame: skip link, header with the menu, language and the signed-in person. */
export function Layout({ children }: { children: ComponentChildren }) {
  const { session, router, locale, flash } = useConsole();
  const t = useT();
  const me = session.me.value;
  const current = section(router.route.value.page);
  return (
    <div class="layout">
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="topbar">
        <div class="topbar__row">
          <p class="brand">
            <span class="brand__name">{t('app.name')}</span>{' '}
            <span class="brand__part">{t('app.console')}</span>
          </p>
          <div class="topbar__user">
            <label class="lang-select">
              <span class="visually-hidden">{t('nav.language')}</span>
              <select
                value={locale.value}
                onChange={(e) => {
                  locale.value = (e.currentTarget as HTMLSelectElement).value as typeof locale.value;
                }}
              >
                {LOCALES.map((l) => (
                  <option key={l} value={l} lang={l}>
                    {LOCALE_NAMES[l]}
                  </option>
                ))}
              </select>
            </label>
            {me && (
              <>
                <Link to={{ page: 'profile' }} class="topbar__me" current={current === 'profile'}>
                  {me.username} · {t(`role.${me.role}`)}
                </Link>
                <button type="button" class="button button--on-brand" onClick={() => void session.logout()}>
                  {t('nav.logout')}
                </button>
              </>
            )}
          </div>
        </div>
        {me && (
          <nav class="menu" aria-label={t('nav.menu')}>
            <ul>
              {NAV.filter((n) => session.can(n.role)).map((n) => (
                <li key={n.page}>
                  <Link to={{ page: n.page } as Route} current={current === n.page}>
                    {t(n.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" class="main" tabIndex={-1}>
        {flash.value && (
          <p class="done-note done-note--flash" role="status">
            {flash.value}
          </p>
        )}
        {children}
      </main>
    </div>
  );
}
