import type { JSX } from 'preact';
import { lazyScreen } from './components/LazyScreen.tsx';
import { HomeScreen } from './screens/HomeScreen.tsx';
import type { Route } from './stores/route.ts';

// The one route table. Home is eager (it must be interactive at once); the rest load lazily.
const TopicScreen = lazyScreen(() => import('./screens/TopicScreen.tsx').then((m) => m.TopicScreen));
const ArticleScreen = lazyScreen(() => import('./screens/ArticleScreen.tsx').then((m) => m.ArticleScreen));
const MaintenanceScreen = lazyScreen(() =>
  import('./screens/MaintenanceScreen.tsx').then((m) => m.MaintenanceScreen),
);
const TutorialScreen = lazyScreen(() => import('./screens/TutorialScreen.tsx').then((m) => m.TutorialScreen));
const QuizzesScreen = lazyScreen(() => import('./screens/QuizzesScreen.tsx').then((m) => m.QuizzesScreen));
const QuizScreen = lazyScreen(() => import('./screens/QuizScreen.tsx').then((m) => m.QuizScreen));

/** The screen for a route. */
export function renderRoute(route: Route): JSX.Element {
  switch (route.name) {
    case 'home':
      return <HomeScreen />;
    case 'topic':
      return <TopicScreen topic={route.topic} />;
    case 'article':
      return <ArticleScreen id={route.id} />;
    case 'tutorial':
      return <TutorialScreen id={route.id} />;
    case 'quizzes':
      return <QuizzesScreen />;
    case 'quiz':
      // The route object itself: a quiz lives as long as this entry of the session's history.
      return <QuizScreen route={route} />;
    case 'maintenance':
      return <MaintenanceScreen />;
  }
}
