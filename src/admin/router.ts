import { signal } from '@preact/signals';

/** Every console page; the one route table (pages.tsx maps each to its component). */
export type Route =
  | { page: 'overview' }
  | { page: 'content' }
  | { page: 'draft'; id: string }
  | { page: 'release'; version: number }
  | { page: 'fleet' }
  | { page: 'station'; id: string }
  | { page: 'usage' }
  | { page: 'notices' }
  | { page: 'groups' }
  | { page: 'alerts' }
  | { page: 'reports' }
  | { page: 'warnings' }
  | { page: 'places' }
  | { page: 'partners' }
  | { page: 'accounts' }
  | { page: 'profile' }
  | { page: 'audit' }
  | { page: 'keys' }
  | { page: 'not-found' };

const BASE = '/admin';

/** The route for an address under /admin. */
export function pathToRoute(pathname: string): Route {
  const parts = pathname
    .replace(/^\/admin\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  const [first, second, third] = parts;
  if (!first) return { page: 'overview' };
  if (first === 'content' && !second) return { page: 'content' };
  if (first === 'content' && second === 'drafts' && third) return { page: 'draft', id: third };
  if (first === 'content' && second === 'releases' && third && /^\d+$/.test(third))
    return { page: 'release', version: Number(third) };
  if (first === 'fleet' && !second) return { page: 'fleet' };
  if (first === 'fleet' && second) return { page: 'station', id: second };
  if (
    parts.length === 1 &&
    [
      'usage',
      'notices',
      'groups',
      'alerts',
      'reports',
      'warnings',
      'places',
      'partners',
      'accounts',
      'profile',
      'audit',
      'keys',
    ].includes(first)
  )
    return { page: first } as Route;
  return { page: 'not-found' };
}

/** The address of a route. */
export function routeToPath(route: Route): string {
  switch (route.page) {
    case 'overview':
    case 'not-found':
      return `${BASE}/`;
    case 'draft':
      return `${BASE}/content/drafts/${encodeURIComponent(route.id)}`;
    case 'release':
      return `${BASE}/content/releases/${route.version}`;
    case 'station':
      return `${BASE}/fleet/${encodeURIComponent(route.id)}`;
    default:
      return `${BASE}/${route.page}`;
  }
}

/** The current route, kept in step with the address bar (back and forward work). */
export function createRouter(win: Window = window) {
  const route = signal<Route>(pathToRoute(win.location.pathname));
  win.addEventListener('popstate', () => {
    route.value = pathToRoute(win.location.pathname);
  });
  return {
    route,
    go(next: Route): void {
      const path = routeToPath(next);
      if (path !== win.location.pathname) win.history.pushState(null, '', path);
      route.value = next;
      win.scrollTo(0, 0);
    },
  };
}

export type Router = ReturnType<typeof createRouter>;
