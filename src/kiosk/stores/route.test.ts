import { describe, expect, it } from 'vitest';
import { pathToRoute, type Route, routeToPath } from './route.ts';

describe('routes', () => {
  it('round-trip through their paths', () => {
    const routes: Route[] = [
      { name: 'home' },
      { name: 'quizzes' },
      { name: 'topic', topic: 'rumors' },
      { name: 'article', id: 'stroke-be-fast' },
      { name: 'tutorial', id: 'connect-wifi' },
      { name: 'quiz', quiz: 'daily' },
      { name: 'quiz', quiz: 'selftest' },
      { name: 'quiz', quiz: 'topic:farming' },
    ];
    for (const r of routes) expect(pathToRoute(routeToPath(r))).toEqual(r);
  });
  it('reject unknown paths and topics', () => {
    expect(pathToRoute('/topic/astrology')).toBeNull();
    expect(pathToRoute('/topic')).toBeNull();
    expect(pathToRoute('/admin')).toBeNull();
    expect(pathToRoute('/quizzes/extra')).toBeNull();
    expect(routeToPath({ name: 'quiz', quiz: 'topic:health' })).toBe('/quiz/topic/health');
    expect(pathToRoute('/quiz')).toBeNull();
    expect(pathToRoute('/quiz/weekly')).toBeNull();
    expect(pathToRoute('/quiz/topic/astrology')).toBeNull();
    expect(pathToRoute('/quiz/topic')).toBeNull();
    expect(pathToRoute('/quiz/daily/extra')).toBeNull();
    expect(pathToRoute('/article/..%2Fsecret')).toBeNull();
    expect(pathToRoute('/article/Bad_Id')).toBeNull();
    expect(pathToRoute('/tutorial/Wi Fi')).toBeNull();
    expect(pathToRoute('/tutorial')).toBeNull();
  });
});
