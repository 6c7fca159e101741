import { Stat } from '../components/DiffView.tsx';
import { GroupBadges } from '../components/GroupPicker.tsx';
import { Link } from '../components/Link.tsx';
import { Page, Section } from '../components/Page.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { useConsole, useT } from '../context.ts';
import { formatDateTime, formatNumber, isoDay } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { NoticeView, ReleaseSummary, ReportTable, StationView } from '../types.ts';

/** The morning look: which kiosks need a visit, what content is live, any notice in force, this week's use. */
export function OverviewPage() {
  const { session, locale } = useConsole();
  const t = useT();
  const l = locale.value;
  const data = useLoad(async () => {
    const week = new URLSearchParams({
      from: isoDay(new Date(Date.now() - 6 * 86_400_000)),
      to: isoDay(new Date()),
    });
    const [stations, releases, notices, usage] = await Promise.all([
      session.api.get<StationView[]>('/stations'),
      session.api.get<ReleaseSummary[]>('/releases'),
      session.api.get<NoticeView[]>('/notices'),
      session.api.get<ReportTable>(`/reports/overview?${week}`),
    ]);
    return { stations, releases, notices, usage };
  }, []);
  if (data.status !== 'ready') return <Page title={t('overview.title')}>{t('common.loading')}</Page>;
  const { stations, releases, notices, usage } = data.value;
  const count = (state: StationView['state']) => stations.filter((s) => s.state === state).length;
  const live = releases.filter((r) => r.activeGroups.length > 0);
  const active = notices.filter((n) => n.state === 'active');
  const metric = (m: string) => formatNumber(l, Number(usage.rows.find((r) => r.metric === m)?.count ?? 0));
  const attention = stations.filter((s) => s.state === 'silent' || s.state === 'late');
  return (
    <Page title={t('overview.title')}>
      <div class="grid-2">
        <Section
          title={t('overview.fleet')}
          actions={<Link to={{ page: 'fleet' }}>{t('overview.toFleet')}</Link>}
        >
          <ul class="state-summary">
            {(['online', 'late', 'silent'] as const).map((s) => (
              <li key={s}>
                <StateBadge state={s} /> <strong>{count(s)}</strong>
              </li>
            ))}
          </ul>
          {attention.length > 0 ? (
            <>
              <p>{t('overview.attention')}</p>
              <ul>
                {attention.slice(0, 8).map((s) => (
                  <li key={s.id}>
                    <Link to={{ page: 'station', id: s.id }}>{s.name}</Link> · {s.town} ·{' '}
                    <StateBadge state={s.state} />
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('overview.allWell')}</p>
          )}
        </Section>
        <Section
          title={t('overview.content')}
          actions={<Link to={{ page: 'content' }}>{t('overview.toContent')}</Link>}
        >
          <ul class="plain-list">
            {live.map((r) => (
              <li key={r.version}>
                <Link to={{ page: 'release', version: r.version }}>
                  {t('release.title', { version: String(r.version) })}
                </Link>{' '}
                · {formatDateTime(l, r.createdAt)} · <GroupBadges groups={r.activeGroups} />
              </li>
            ))}
          </ul>
        </Section>
        <Section
          title={t('overview.notices')}
          actions={<Link to={{ page: 'notices' }}>{t('overview.toNotices')}</Link>}
        >
          {active.length === 0 ? (
            <p>{t('overview.noNotices')}</p>
          ) : (
            <ul class="plain-list">
              {active.map((n) => (
                <li key={n.notice.id}>
                  <strong>{n.notice.headline[l]}</strong> · <GroupBadges groups={n.groups} />
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section
          title={t('overview.week')}
          actions={<Link to={{ page: 'usage' }}>{t('overview.toUsage')}</Link>}
        >
          <dl class="stats">
            <Stat label={t('usage.opens')} value={metric('article_open')} />
            <Stat label={t('usage.quizzes')} value={metric('quiz_complete')} />
            <Stat label={t('usage.tutorials')} value={metric('tutorial_complete')} />
          </dl>
        </Section>
      </div>
    </Page>
  );
}
