import { describe, expect, it } from 'vitest';
import { LESSON_MESSAGES, lessonText } from './lessons.ts';

describe('lesson dictionaries', () => {
  const [zh, ...others] = [LESSON_MESSAGES['zh-CN'], LESSON_MESSAGES.vi, LESSON_MESSAGES.en];

  it('have the same keys, no empty text and the same placeholders in every language', () => {
    for (const dict of others) {
      expect(Object.keys(dict).sort()).toEqual(Object.keys(zh).sort());
      for (const [key, text] of Object.entries(dict)) {
        expect(text.trim(), key).not.toBe('');
        const wanted = (zh[key as keyof typeof zh].match(/\{\w+\}/g) ?? []).sort();
        expect((text.match(/\{\w+\}/g) ?? []).sort(), key).toEqual(wanted);
      }
    }
  });

  it('name the gesture buttons the way the hints and narrations do', () => {
    expect(lessonText('zh-CN', 'hint.swipe', { action: lessonText('zh-CN', 'do.swipe-up') })).toContain(
      '「向上滑」',
    );
    expect(lessonText('vi', 'hint.longpress')).toContain(`"${lessonText('vi', 'do.longpress')}"`);
    expect(lessonText('en', 'steps', { count: 12 })).toBe('12 steps');
  });
});
