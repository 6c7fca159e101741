import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  keypadGrid,
  reachableScreens,
  type TutorialDoc,
  TutorialDocSchema,
  tutorialPath,
  tutorialProblems,
} from './tutorial-doc.ts';

const text = (s: string) => ({ 'zh-CN': s, vi: s, en: s });
const button = (id: string) => ({
  id,
  kind: 'button' as const,
  label: text(id),
  box: [20, 20, 100, 100] as const,
});
const step = (screen: string, target: string, next: string) => ({
  screen,
  target,
  action: 'tap' as const,
  narration: text(`tap ${target}`),
  next,
});

function doc(): TutorialDoc {
  return {
    id: 'practice',
    icon: 'phone',
    title: text('t'),
    summary: text('s'),
    reviewed: '2026-11-28',
    sources: [{ title: 't', publisher: 'p', year: 2021, url: 'https://www.miit.gov.cn/' }],
    screens: {
      a: { elements: [{ ...button('go'), box: [20, 20, 100, 100] }] },
      b: { elements: [{ ...button('go'), box: [20, 20, 100, 100] }] },
      pad: { elements: [{ id: 'keys', kind: 'keypad', keys: '123456789 0', box: [0, 300, 360, 320] }] },
    },
    steps: [
      step('a', 'go', 'b'),
      step('b', 'go', 'pad'),
      { ...step('pad', 'keys', 'a'), action: 'type', text: '110' },
      step('a', 'go', 'b'),
      step('b', 'go', 'a'),
    ],
  };
}

describe('TutorialDocSchema', () => {
  it('accepts a sound tutorial', () => {
    expect(tutorialProblems(doc())).toEqual([]);
    expect(v.safeParse(TutorialDocSchema, doc()).success).toBe(true);
  });

  it('refuses broken references, a break in the path and unreachable screens', () => {
    const d = doc();
    d.steps[0] = step('a', 'nothing', 'b');
    d.steps[3] = step('b', 'go', 'nowhere');
    d.screens.lost = { elements: [] };
    expect(tutorialProblems(d)).toEqual([
      'step 0: no element nothing on a',
      'step 3: no screen nowhere',
      'step 3: does not follow step 2',
      'step 4: does not follow step 3',
      'screen lost is unreachable',
    ]);
    expect(v.safeParse(TutorialDocSchema, d).success).toBe(false);
  });

  it('refuses typing characters the keypad does not have, boxes outside the phone and too few steps', () => {
    const d = doc();
    const typing = d.steps[2];
    if (typing) typing.text = '11#';
    expect(tutorialProblems(d)).toEqual(['step 2: text not on a keypad']);
    const outside = doc();
    (outside.screens.a as { elements: unknown[] }).elements = [{ ...button('go'), box: [300, 20, 100, 100] }];
    expect(v.safeParse(TutorialDocSchema, outside).success).toBe(false);
    expect(v.safeParse(TutorialDocSchema, { ...doc(), steps: doc().steps.slice(0, 4) }).success).toBe(false);
  });
});

describe('helpers', () => {
  it('place a tutorial at tutorials/<id>.json', () => {
    expect(tutorialPath('connect-wifi')).toBe('tutorials/connect-wifi.json');
  });

  it('lay keys out three to a row', () => {
    expect(keypadGrid('123456789 0', [0, 0, 360, 320])).toEqual({ cols: 3, rows: 4, cellW: 120, cellH: 80 });
    expect(keypadGrid('12', [0, 0, 200, 80])).toEqual({ cols: 2, rows: 1, cellW: 100, cellH: 80 });
  });

  it('follow next from the first screen', () => {
    expect([...reachableScreens(doc().steps)].sort()).toEqual(['a', 'b', 'pad']);
  });
});
