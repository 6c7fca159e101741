import { ErrorNote } from '../components/ErrorNote.tsx';
import { Page, Section } from '../components/Page.tsx';
import { useConsole, useT } from '../context.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { TrustKey, TrustRole, TrustSummary } from '../types.ts';
import { RotationPanel } from './RotationPanel.tsx';

const ROLES: TrustRole[] = ['root', 'content', 'timestamp'];
const DAY_MS = 86_400_000;
/** A root closer than this to its expiry is flagged. */
const WARN_DAYS = 60;

/** The Keys page: the chain, who holds which key (names only), expiry dates ahead, a guided rotation. */
export function KeysPage() {
  const { session, locale } = useConsole();
  const t = useT();
  const trust = useLoad(() => session.api.get<TrustSummary>('/trust'), []);
  if (trust.status !== 'ready') {
    return (
      <Page title={t('keys.title')}>
        {trust.status === 'failed' ? <ErrorNote error={trust.error} /> : t('common.loading')}
      </Page>
    );
  }
  const s = trust.value;
  const days = Math.floor((Date.parse(s.expires) - Date.now()) / DAY_MS);
  const date = formatDate(locale.value, s.expires);
  const rootLine =
    days < 0
      ? t('keys.expired', { date })
      : days < WARN_DAYS
        ? t('keys.expiresSoon', { date, days })
        : t('keys.daysLeft', { date, days });
  const holders = (keys: TrustKey[]) => keys.map((k) => k.holder).join('、') || '—';
  return (
    <Page title={t('keys.title')} intro={t('keys.intro')}>
      {s.demo && (
        <p class="warning-note" role="alert">
          {t('keys.demo')}
        </p>
      )}
      <Section title={t('keys.expiry')}>
        <dl class="facts">
          <div class={days < WARN_DAYS ? 'facts__warn' : undefined}>
            <dt>{t('keys.rootExpires', { version: String(s.version) })}</dt>
            <dd>{rootLine}</dd>
          </div>
          <div>
            <dt>{t('keys.timestamps')}</dt>
            <dd>{t('keys.timestampsValue', { hours: s.timestampHours, max: s.timestampMaxHours })}</dd>
          </div>
        </dl>
      </Section>
      <Section title={t('keys.holders')}>
        {ROLES.map((role) => (
          <div key={role} class="key-role">
            <h3>
              {t(`keys.role.${role}` as MessageKey)}{' '}
              <span class="key-role__threshold">
                {t('keys.threshold', {
                  threshold: s.roles[role].threshold,
                  total: s.roles[role].keys.length,
                })}
              </span>
            </h3>
            {/* A table wider than a phone scrolls sideways: the region takes focus for keyboards. */}
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
            <section class="table-scroll" tabIndex={0} aria-label={t(`keys.role.${role}` as MessageKey)}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('keys.holder')}</th>
                    <th scope="col">{t('keys.keyId')}</th>
                    <th scope="col">{t('keys.where')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.roles[role].keys.map((k) => (
                    <tr key={k.keyId}>
                      <td>{k.holder}</td>
                      <td>
                        <code>{k.keyId}</code>
                      </td>
                      <td>{k.online ? t('keys.online') : t('keys.offline')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
        ))}
      </Section>
      <Section title={t('keys.chain')}>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
        <section class="table-scroll" tabIndex={0} aria-label={t('keys.chainTable')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('keys.version')}</th>
                <th scope="col">{t('keys.added')}</th>
                <th scope="col">{t('keys.expires')}</th>
                <th scope="col">{t('keys.signedBy')}</th>
                <th scope="col">{t('keys.changed')}</th>
              </tr>
            </thead>
            <tbody>
              {[...s.chain].reverse().map((r) => (
                <tr key={r.version}>
                  <td class="num">{r.version}</td>
                  <td>{formatDateTime(locale.value, r.addedAt)}</td>
                  <td>{formatDate(locale.value, r.expires)}</td>
                  <td>{holders(r.signedBy)}</td>
                  <td>
                    {r.version === 1
                      ? t('keys.first')
                      : r.changed.map((c) => t(`keys.role.${c}` as MessageKey)).join('、') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </Section>
      {session.can('admin') && <RotationPanel trust={s} onDone={trust.reload} />}
    </Page>
  );
}
