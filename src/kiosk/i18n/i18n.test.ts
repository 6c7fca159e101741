import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../protocol/locales.ts';
import { audienceEn } from './audience/en.ts';
import { audienceVi } from './audience/vi.ts';
import { audienceZhCN } from './audience/zh-CN.ts';
import { en } from './en.ts';
import { formatDate, formatNumber, translate } from './index.ts';
import { lessonEn } from './lessons/en.ts';
import { translateLesson } from './lessons/index.ts';
import { lessonVi } from './lessons/vi.ts';
import { lessonZhCN } from './lessons/zh-CN.ts';
import { noticeEn } from './notices/en.ts';
import { noticeVi } from './notices/vi.ts';
import { noticeZhCN } from './notices/zh-CN.ts';
import { quizEn } from './quiz/en.ts';
import { translateQuiz } from './quiz/index.ts';
import { quizVi } from './quiz/vi.ts';
import { quizZhCN } from './quiz/zh-CN.ts';
import { vi } from './vi.ts';
import { zhCN } from './zh-CN.ts';

// The main dictionaries, the quiz area's and the phone lessons' (each loaded with its screens),
// each a reference and two more.
const SETS: Array<[string, Record<string, string>, Array<Record<string, string>>]> = [
  ['main', zhCN, [vi, en]],
  ['quiz', quizZhCN, [quizVi, quizEn]],
  ['lessons', lessonZhCN, [lessonVi, lessonEn]],
  ['notices', noticeZhCN, [noticeVi, noticeEn]],
  ['audience', audienceZhCN, [audienceVi, audienceEn]],
];

describe('dictionaries', () => {
  for (const [name, reference, others] of SETS) {
    it(`${name}: have the same keys in every language and no empty text`, () => {
      const keys = Object.keys(reference).sort();
      for (const dict of others) {
        expect(Object.keys(dict).sort()).toEqual(keys);
        for (const text of Object.values(dict)) expect(text.trim()).not.toBe('');
      }
    });

    it(`${name}: keep every placeholder of the reference text`, () => {
      for (const [key, text] of Object.entries(reference)) {
        const wanted = (text.match(/\{\w+\}/g) ?? []).sort();
        for (const dict of others) {
          const got = (dict[key]?.match(/\{\w+\}/g) ?? []).sort();
          expect(got, key).toEqual(wanted);
        }
      }
    });
  }

  it('never define a key twice across the main, quiz and lesson dictionaries', () => {
    expect(Object.keys(quizZhCN).filter((k) => k in zhCN)).toEqual([]);
    expect(Object.keys(lessonZhCN).filter((k) => k in zhCN || k in quizZhCN)).toEqual([]);
    expect(Object.keys(noticeZhCN).filter((k) => k in zhCN || k in quizZhCN || k in lessonZhCN)).toEqual([]);
    expect(
      Object.keys(audienceZhCN).filter(
        (k) => k in zhCN || k in quizZhCN || k in lessonZhCN || k in noticeZhCN,
      ),
    ).toEqual([]);
  });

  it('write Vietnamese with its diacritics', () => {
    // A tone-less Vietnamese text would read as ASCII only; every longer quiz text has marks.
    for (const text of [
      ...Object.values(quizVi),
      ...Object.values(lessonVi),
      ...Object.values(noticeVi),
      ...Object.values(audienceVi),
    ]) {
      if (text.length > 12 && !text.startsWith('{')) expect(text, text).toMatch(/[À-ỹ]/);
    }
  });
});

describe('translate', () => {
  it('fills placeholders with locale-formatted numbers', () => {
    expect(translate('en', 'idle.body', { seconds: 1500 })).toContain('1,500 seconds');
    expect(translate('vi', 'idle.body', { seconds: 1500 })).toContain('1.500 giây');
    expect(translate('zh-CN', 'idle.body', { seconds: 30 })).toMatch(/^30 秒后/);
    expect(translateQuiz('vi', 'quiz.score', { right: 9, total: 12 })).toBe('Đúng 9 trên 12 câu');
    expect(translateQuiz('en', 'quiz.fraction', { n: 3, total: 10 })).toBe('3 / 10');
    expect(translateLesson('en', 'lesson.steps', { count: 12 })).toBe('12 steps');
  });

  it("name the lessons' gesture buttons the way their hints and narrations do", () => {
    const swipeUp = translateLesson('zh-CN', 'lesson.do.swipe-up');
    expect(translateLesson('zh-CN', 'lesson.hint.swipe', { action: swipeUp })).toContain('「向上滑」');
    expect(translateLesson('vi', 'lesson.hint.longpress')).toContain(
      `"${translateLesson('vi', 'lesson.do.longpress')}"`,
    );
  });
});

describe('formatters', () => {
  const day = new Date(Date.UTC(2026, 10, 28, 4, 0));
  it('write dates per locale', () => {
    expect(formatDate('zh-CN', day, 'Asia/Shanghai')).toBe('2026年11月28日星期六');
    expect(formatDate('en', day, 'Asia/Shanghai')).toBe('Saturday, November 28, 2026');
    expect(formatDate('vi', day, 'Asia/Shanghai')).toContain('28');
  });
  it('write numbers per locale', () => {
    expect(LOCALES.map((l) => formatNumber(l, 12345.5))).toEqual(['12,345.5', '12.345,5', '12,345.5']);
  });
});
