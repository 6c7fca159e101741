import type { JSX } from 'preact';
import { Page } from './components/Page.tsx';
import { useConsole, useT } from './context.ts';
import { AccountsPage } from './pages/AccountsPage.tsx';
import { AlertsPage } from './pages/AlertsPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { ContentPage } from './pages/ContentPage.tsx';
import { DraftPage } from './pages/DraftPage.tsx';
import { FleetPage } from './pages/FleetPage.tsx';
import { GroupsPage } from './pages/GroupsPage.tsx';
import { KeysPage } from './pages/KeysPage.tsx';
import { NoticesPage } from './pages/NoticesPage.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { PartnersPage } from './pages/PartnersPage.tsx';
import { PlacesPage } from './pages/PlacesPage.tsx';
import { ProfilePage } from './pages/ProfilePage.tsx';
import { ReleasePage } from './pages/ReleasePage.tsx';
import { ReportsPage } from './pages/ReportsPage.tsx';
import { StationPage } from './pages/StationPage.tsx';
import { UsagePage } from './pages/UsagePage.tsx';
import { WarningsPage } from './pages/WarningsPage.tsx';
import type { Route } from './router.ts';

/** The one route table: the page for each route. */
export function renderPage(route: Route): JSX.Element {
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'content':
      return <ContentPage />;
    case 'draft':
      return <DraftPage key={route.id} id={route.id} />;
    case 'release':
      return <ReleasePage key={route.version} version={route.version} />;
    case 'fleet':
      return <FleetPage />;
    case 'station':
      return <StationPage key={route.id} id={route.id} />;
    case 'usage':
      return <UsagePage />;
    case 'notices':
      return <NoticesPage />;
    case 'groups':
      return <GroupsPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'reports':
      return <ReportsPage />;
    case 'warnings':
      return <WarningsPage />;
    case 'places':
      return <PlacesPage />;
    case 'partners':
      return <AdminOnly>{() => <PartnersPage />}</AdminOnly>;
    case 'accounts':
      return <AdminOnly>{() => <AccountsPage />}</AdminOnly>;
    case 'audit':
      return <AdminOnly>{() => <AuditPage />}</AdminOnly>;
    case 'profile':
      return <ProfilePage />;
    case 'keys':
      return <KeysPage />;
    case 'not-found':
      return <NotFound />;
  }
}

function AdminOnly({ children }: { children: () => JSX.Element }) {
  const { session } = useConsole();
  const t = useT();
  if (!session.can('admin')) {
    return (
      <Page title={t('common.noAccessTitle')}>
        <p>{t('common.noAccess')}</p>
      </Page>
    );
  }
  return children();
}

function NotFound() {
  const t = useT();
  return (
    <Page title={t('common.notFoundTitle')}>
      <p>{t('common.notFound')}</p>
    </Page>
  );
}
