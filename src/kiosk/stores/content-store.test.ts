import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { ArticleDoc, Catalog } from '../../protocol/content-doc.ts';
import type { PackManifest } from '../../protocol/pack-manifest.ts';
import { ContentError, type PackReader } from '../data/pack-reader.ts';
import { createContentStore } from './content-store.ts';

const cover = { src: 'media/a/cover.svg', alt: 'x', width: 640, height: 360 };
const text = { 'zh-CN': '甲', vi: 'A', en: 'A' };
const catalog: Catalog = {
  articles: [
    { id: 'a', topic: 'health', audience: 'all', cover, coverAlt: text, title: text, summary: text },
  ],
};
function doc(id: string, locale: 'zh-CN' | 'vi' | 'en'): ArticleDoc {
  return {
    id,
    locale,
    topic: 'health',
    audience: 'all',
    tags: [],
    title: 'T',
    summary: 'S',
    cover,
    reviewed: '2026-11-28',
    sources: [{ title: 't', publisher: 'p', year: 2024, url: 'https://who.int/' }],
    body: [{ t: 'paragraph', c: [{ t: 'text', v: 'hello' }] }],
  };
}

/** A pack reader over an in-memory map, counting reads; `failNext` makes the next read fail. */
function memoryReader(files: Record<string, unknown>) {
  const state = { reads: 0, opens: 0, failNext: false };
  const reader: PackReader = {
    manifest: {} as PackManifest,
    async bytes() {
      return new Uint8Array();
    },
    async json(path, schema) {
      state.reads++;
      if (state.failNext) {
        state.failNext = false;
        throw new ContentError('CONTENT_UNAVAILABLE', 'offline');
      }
      if (!(path in files)) throw new ContentError('CONTENT_MISSING', path);
      return v.parse(schema, files[path]);
    },
    async url(path) {
      return `blob:${path}`;
    },
  };
  return {
    state,
    open: async () => {
      state.opens++;
      return reader;
    },
  };
}

describe('createContentStore', () => {
  it('reads the catalog once and caches it', async () => {
    const { state, open } = memoryReader({ 'catalog.json': catalog });
    const store = createContentStore(open);
    expect(await store.catalog()).toEqual(catalog);
    await store.catalog();
    expect(state.reads).toBe(1);
    expect(state.opens).toBe(1);
  });

  it('loads an article per language and refuses a file holding another article', async () => {
    const { open } = memoryReader({
      'articles/a.vi.json': doc('a', 'vi'),
      'articles/a.en.json': doc('b', 'en'),
    });
    const store = createContentStore(open);
    expect((await store.article('a', 'vi')).locale).toBe('vi');
    await expect(store.article('a', 'en')).rejects.toMatchObject({ code: 'CONTENT_INVALID' });
    await expect(store.article('a', 'zh-CN')).rejects.toMatchObject({ code: 'CONTENT_MISSING' });
  });

  it('does not cache a failure: the next visit tries again', async () => {
    const { state, open } = memoryReader({ 'catalog.json': catalog });
    const store = createContentStore(open);
    state.failNext = true;
    await expect(store.catalog()).rejects.toMatchObject({ code: 'CONTENT_UNAVAILABLE' });
    expect(await store.catalog()).toEqual(catalog);
  });

  it('retries opening a pack that failed to open', async () => {
    let attempts = 0;
    const { open } = memoryReader({ 'catalog.json': catalog });
    const store = createContentStore(async () => {
      if (attempts++ === 0) throw new ContentError('CONTENT_UNAVAILABLE', 'no network');
      return open();
    });
    await expect(store.catalog()).rejects.toThrow('CONTENT_UNAVAILABLE');
    expect(await store.catalog()).toEqual(catalog);
  });

  it('loads a topic question bank once, and refuses a bank of another topic or a bad answer', async () => {
    const question = {
      id: 'q1',
      type: 'truefalse',
      difficulty: 1,
      dimension: 'knowledge',
      source: { title: 't', publisher: 'p', year: 2024, url: 'https://www.who.int/' },
      question: text,
      explanation: text,
      answer: true,
    };
    const { state, open } = memoryReader({
      'quizzes/health.json': { topic: 'health', questions: [question] },
      'quizzes/youth.json': { topic: 'health', questions: [] },
      'quizzes/rumors.json': { topic: 'rumors', questions: [{ ...question, type: 'single', answer: 0 }] },
    });
    const store = createContentStore(open);
    expect((await store.quiz('health')).questions.map((q) => q.id)).toEqual(['q1']);
    await store.quiz('health');
    expect(state.reads).toBe(1);
    await expect(store.quiz('youth')).rejects.toMatchObject({ code: 'CONTENT_INVALID' });
    await expect(store.quiz('rumors')).rejects.toThrow();
    await expect(store.quiz('farming')).rejects.toMatchObject({ code: 'CONTENT_MISSING' });
  });

  it('rejects content that does not match the schema', async () => {
    const { open } = memoryReader({ 'catalog.json': { articles: [{ id: 'a' }] } });
    await expect(createContentStore(open).catalog()).rejects.toThrow();
  });
});

describe('tutorials in the content store', () => {
  const t = (s: string) => ({ 'zh-CN': s, vi: s, en: s });
  const go = { id: 'go', kind: 'button', label: t('go'), box: [20, 20, 100, 100] };
  const step = (screen: string, next: string) => ({
    screen,
    target: 'go',
    action: 'tap',
    narration: t('n'),
    next,
  });
  const tutorial = (id: string) => ({
    id,
    icon: 'phone',
    title: t('T'),
    summary: t('S'),
    reviewed: '2026-11-28',
    sources: [{ title: 't', publisher: 'p', year: 2021, url: 'https://www.miit.gov.cn/' }],
    screens: { a: { elements: [go] }, b: { elements: [go] } },
    steps: [step('a', 'b'), step('b', 'a'), step('a', 'b'), step('b', 'a'), step('a', 'b')],
  });
  const list = { tutorials: [{ id: 'x', icon: 'phone', title: t('T'), summary: t('S'), steps: 5 }] };

  it('reads the catalog and a tutorial, validated', async () => {
    const { open } = memoryReader({ 'tutorials.json': list, 'tutorials/x.json': tutorial('x') });
    const store = createContentStore(open);
    expect(await store.tutorials()).toEqual(list);
    expect((await store.tutorial('x')).steps).toHaveLength(5);
  });

  it('shows no tutorials from a pack made before there were any', async () => {
    const { open } = memoryReader({ 'catalog.json': catalog });
    expect(await createContentStore(open).tutorials()).toEqual({ tutorials: [] });
  });

  it('refuses a file holding another tutorial, and steps pointing nowhere', async () => {
    const broken = tutorial('y');
    broken.steps[2] = step('a', 'nowhere');
    const { open } = memoryReader({ 'tutorials/x.json': tutorial('z'), 'tutorials/y.json': broken });
    const store = createContentStore(open);
    await expect(store.tutorial('x')).rejects.toMatchObject({ code: 'CONTENT_INVALID' });
    await expect(store.tutorial('y')).rejects.toThrow();
  });
});
