import { isQuizKey, type QuizKey } from '../../protocol/quiz-mode.ts';
import { isTopicId, type TopicId } from '../../protocol/topics.ts';

/** A place in the kiosk. Screens for each are declared in `routes.tsx`. */
export type Route =
  | { name: 'home' }
  | { name: 'topic'; topic: TopicId }
  | { name: 'article'; id: string }
  | { name: 'tutorial'; id: string }
  | { name: 'quizzes' }
  | { name: 'quiz'; quiz: QuizKey }
  | { name: 'maintenance' };

const ARTICLE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The start screen. */
export const HOME: Route = { name: 'home' };

/** The address shown for a route (kept in the URL so a reload lands on the same screen). */
export function routeToPath(route: Route): string {
  switch (route.name) {
    case 'home':
      return '/';
    case 'topic':
      return `/topic/${route.topic}`;
    case 'article':
      return `/article/${route.id}`;
    case 'tutorial':
      return `/tutorial/${route.id}`;
    case 'quizzes':
      return '/quizzes';
    case 'quiz':
      // `topic:health` is written /quiz/topic/health.
      return `/quiz/${route.quiz.replace(':', '/')}`;
    case 'maintenance':
      // Never an address of its own: a reload leaves maintenance (it needs the PIN again).
      return '/';
  }
}

/** The route for an address, or null when none matches. */
export function pathToRoute(path: string): Route | null {
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return HOME;
  if (parts[0] === 'quizzes' && parts.length === 1) return { name: 'quizzes' };
  if (parts[0] === 'quiz' && parts.length >= 2 && parts.length <= 3) {
    const quiz = parts.slice(1).join(':');
    if (isQuizKey(quiz)) return { name: 'quiz', quiz };
  }
  if (parts[0] === 'topic' && parts.length === 2 && isTopicId(parts[1])) {
    return { name: 'topic', topic: parts[1] };
  }
  if (parts[0] === 'article' && parts.length === 2 && ARTICLE_ID.test(parts[1] ?? '')) {
    return { name: 'article', id: parts[1] ?? '' };
  }
  if (parts[0] === 'tutorial' && parts.length === 2 && ARTICLE_ID.test(parts[1] ?? '')) {
    return { name: 'tutorial', id: parts[1] ?? '' };
  }
  return null;
}

/** A key that differs for every screen (paths do not: maintenance has none of its own). */
export function routeKey(route: Route): string {
  return `${route.name}:${routeToPath(route)}`;
}

/** True when two routes point at the same screen. */
export function sameRoute(a: Route, b: Route): boolean {
  return routeKey(a) === routeKey(b);
}
