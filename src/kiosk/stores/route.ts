import { isTopicId, type TopicId } from '../../protocol/topics.ts';

/** A place in the kiosk. Screens for each are declared in `routes.tsx`. */
export type Route = { name: 'home' } | { name: 'topic'; topic: TopicId } | { name: 'quizzes' };

/** The start screen. */
export const HOME: Route = { name: 'home' };

/** The address shown for a route (kept in the URL so a reload lands on the same screen). */
export function routeToPath(route: Route): string {
  switch (route.name) {
    case 'home':
      return '/';
    case 'topic':
      return `/topic/${route.topic}`;
    case 'quizzes':
      return '/quizzes';
  }
}

/** The route for an address, or null when none matches. */
export function pathToRoute(path: string): Route | null {
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return HOME;
  if (parts[0] === 'quizzes' && parts.length === 1) return { name: 'quizzes' };
  if (parts[0] === 'topic' && parts.length === 2 && isTopicId(parts[1])) {
    return { name: 'topic', topic: parts[1] };
  }
  return null;
}

/** True when two routes point at the same screen. */
export function sameRoute(a: Route, b: Route): boolean {
  return routeToPath(a) === routeToPath(b);
}
