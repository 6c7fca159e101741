import { describe, expect, it } from 'vitest';
import type { TutorialDoc } from '../../protocol/tutorial-doc.ts';
import type { Metric } from '../../protocol/usage.ts';
import { createTutorialRun } from './tutorial-run.ts';

const t = (s: string) => ({ 'zh-CN': s, vi: s, en: s });
const el = (id: string) => ({
  id,
  kind: 'button' as const,
  label: t(id),
  box: [20, 20, 100, 100] as [number, number, number, number],
});
const doc: TutorialDoc = {
  id: 'practice',
  icon: 'phone',
  title: t('T'),
  summary: t('S'),
  reviewed: '2026-11-28',
  sources: [{ title: 't', publisher: 'p', year: 2021, url: 'https://www.miit.gov.cn/' }],
  screens: {
    home: { elements: [el('app'), el('other')] },
    pad: { elements: [{ id: 'keys', kind: 'keypad', keys: '123456789 0', box: [0, 300, 360, 320] }] },
    list: { elements: [el('row')] },
    call: { elements: [el('green')] },
    end: { elements: [el('ok')] },
    after: { elements: [] },
  },
  steps: [
    { screen: 'home', target: 'app', action: 'tap', narration: t('0'), next: 'pad' },
    { screen: 'pad', target: 'keys', action: 'type', text: '110', narration: t('1'), next: 'list' },
    { screen: 'list', target: 'row', action: 'swipe-left', narration: t('2'), next: 'call' },
    { screen: 'call', target: 'green', action: 'longpress', narration: t('3'), next: 'end' },
    { screen: 'end', target: 'ok', action: 'tap', narration: t('4'), next: 'after' },
  ],
};

function setup() {
  const counts: Array<[Metric, string]> = [];
  const run = createTutorialRun(doc, { count: (metric, key) => counts.push([metric, key]) });
  run.begin();
  return { run, counts };
}

describe('createTutorialRun', () => {
  it('goes through every kind of step to the end and counts start, each step and completion', () => {
    const { run, counts } = setup();
    expect(run.act('app', 'tap')).toBe(true);
    expect(run.nextKey.value).toBe('1');
    for (const key of '110') expect(run.press(key)).toBe(true);
    expect(run.act('row', 'swipe-left')).toBe(true);
    expect(run.act('green', 'longpress')).toBe(true);
    expect(run.done.value).toBe(false);
    expect(run.act('ok', 'tap')).toBe(true);
    expect(run.done.value).toBe(true);
    expect(run.screen.value).toBe(doc.screens.after);
    expect(counts).toEqual([
      ['tutorial_start', 'practice'],
      ['tutorial_step', 'practice/0'],
      ['tutorial_step', 'practice/1'],
      ['tutorial_step', 'practice/2'],
      ['tutorial_step', 'practice/3'],
      ['tutorial_step', 'practice/4'],
      ['tutorial_complete', 'practice'],
    ]);
  });

  it('a wrong tap, a wrong gesture or a wrong key shows the hint and does not advance', () => {
    const { run } = setup();
    expect(run.act('other', 'tap')).toBe(false);
    expect(run.act(undefined, 'tap')).toBe(false);
    expect(run.hint.value).toBe('wrong');
    expect(run.index.value).toBe(0);
    run.act('app', 'tap');
    expect(run.hint.value).toBeNull();
    expect(run.press('2')).toBe(false);
    expect(run.typed.value).toBe('');
    run.press('1');
    expect(run.hint.value).toBeNull();
    run.press('1');
    run.press('0');
    expect(run.act('row', 'tap')).toBe(false);
    expect(run.act('row', 'swipe-right')).toBe(false);
    expect(run.index.value).toBe(2);
  });

  it('shows the idle hint only while nothing else is showing', () => {
    const { run } = setup();
    run.idle();
    expect(run.hint.value).toBe('idle');
    run.act('other', 'tap');
    expect(run.hint.value).toBe('wrong');
    run.idle();
    expect(run.hint.value).toBe('wrong');
  });

  it('goes back a step without counting it again, and starting over is a new run', () => {
    const { run, counts } = setup();
    run.act('app', 'tap');
    run.press('1');
    run.back();
    expect(run.index.value).toBe(0);
    expect(run.typed.value).toBe('');
    run.act('app', 'tap');
    expect(counts.filter(([m]) => m === 'tutorial_step')).toHaveLength(2);
    run.restart();
    expect(run.index.value).toBe(0);
    expect(counts.slice(-2)).toEqual([
      ['tutorial_start', 'practice'],
      ['tutorial_step', 'practice/0'],
    ]);
  });
});
