import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATION_CONFIG } from '../../protocol/station-config.ts';
import { routeToPath } from './route.ts';
import { createSessionStore } from './session-store.ts';

describe('createSessionStore', () => {
  const config = signal({ ...DEFAULT_STATION_CONFIG, defaultLocale: 'vi' as const });

  it('starts from the station defaults', () => {
    const s = createSessionStore(config);
    expect(s.locale.value).toBe('vi');
    expect(s.textSize.value).toBe('standard');
    expect(s.readAloud.value).toBe(false);
    expect(s.route.value).toEqual({ name: 'home' });
    expect(s.canGoBack.value).toBe(false);
  });

  it('goes forward and back, ignoring a repeat of the current screen', () => {
    const s = createSessionStore(config);
    s.go({ name: 'topic', topic: 'health' });
    s.go({ name: 'topic', topic: 'health' });
    s.go({ name: 'quizzes' });
    expect(routeToPath(s.route.value)).toBe('/quizzes');
    s.back();
    expect(routeToPath(s.route.value)).toBe('/topic/health');
    s.back();
    expect(s.canGoBack.value).toBe(false);
    s.back();
    expect(s.route.value).toEqual({ name: 'home' });
  });

  it('a deep start still has Home behind it', () => {
    const s = createSessionStore(config, { name: 'topic', topic: 'farming' });
    expect(s.canGoBack.value).toBe(true);
    s.back();
    expect(s.route.value).toEqual({ name: 'home' });
  });

  it('reset forgets language, text size, read-aloud and history', () => {
    const s = createSessionStore(config);
    s.locale.value = 'en';
    s.textSize.value = 'large';
    s.readAloud.value = true;
    s.go({ name: 'topic', topic: 'youth' });
    s.reset();
    expect(s.locale.value).toBe('vi');
    expect(s.textSize.value).toBe('standard');
    expect(s.readAloud.value).toBe(false);
    expect(s.canGoBack.value).toBe(false);
  });
});
