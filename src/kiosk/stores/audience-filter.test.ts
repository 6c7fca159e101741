import { describe, expect, it } from 'vitest';
import type { Audience } from '../../protocol/content-doc.ts';
import { audienceChoices, entriesFor } from './audience-filter.ts';

const list = (...audiences: Audience[]) => audiences.map((audience, i) => ({ id: `a${i}`, audience }));

describe('audienceChoices', () => {
  it('offers the audiences a topic has, in the plan order, never "all"', () => {
    expect(audienceChoices(list('officials', 'all', 'farmers', 'farmers', 'all'))).toEqual([
      'farmers',
      'officials',
    ]);
    expect(audienceChoices(list('all', 'workers', 'seniors'))).toEqual(['seniors', 'workers']);
  });

  it('offers nothing when choosing would not narrow the list', () => {
    expect(audienceChoices(list('youth', 'youth', 'youth'))).toEqual([]);
    expect(audienceChoices(list('all', 'all'))).toEqual([]);
    expect(audienceChoices([])).toEqual([]);
  });
});

describe('entriesFor', () => {
  it('keeps the chosen audience only, or everything when nothing is chosen', () => {
    const entries = list('all', 'farmers', 'workers', 'farmers');
    expect(entriesFor(entries, 'farmers').map((e) => e.id)).toEqual(['a1', 'a3']);
    expect(entriesFor(entries, 'officials')).toEqual([]);
    expect(entriesFor(entries, null)).toEqual(entries);
  });
});
