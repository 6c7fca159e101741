import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDoc } from '../protocol/content-doc.ts';
import { type CompiledContent, compileContent } from './compile.ts';
import { createTestLibrary, removeTestLibrary, type TestLibrary } from './test-library.ts';

let lib: TestLibrary;
let compiled: CompiledContent;

beforeAll(async () => {
  lib = await createTestLibrary();
  await lib.write('articles/health/boil-water/narration.zh-CN.mp3', new Uint8Array([0xff, 0xfb, 0x90, 0x00]));
  compiled = await compileContent('content', { rootDir: lib.root });
});
afterAll(() => removeTestLibrary(lib));

const doc = (id: string, locale: string) =>
  compiled.articles.find((d) => d.id === id && d.locale === locale) as ArticleDoc;
const decode = (path: string) => JSON.parse(new TextDecoder().decode(compiled.files.get(path)?.bytes));

describe('compileContent on a valid library', () => {
  it('reports nothing', () => {
    expect(compiled.diagnostics).toEqual([]);
  });

  it('builds the zh-CN document tree', () => {
    const zh = doc('boil-water', 'zh-CN');
    expect(zh.cover).toEqual({
      src: 'media/boil-water/cover.svg',
      alt: '一壶水在炉子上烧开，冒着热气',
      width: 640,
      height: 360,
    });
    expect(zh.narration).toBe('narration/boil-water.zh-CN.mp3');
    expect(zh.body).toEqual([
      {
        t: 'paragraph',
        c: [
          { t: 'text', v: '井水、河水要' },
          { t: 'strong', c: [{ t: 'text', v: '烧开' }] },
          { t: 'text', v: '再喝。' },
        ],
      },
      { t: 'heading', level: 2, c: [{ t: 'text', v: '为什么要烧开' }] },
      {
        t: 'paragraph',
        c: [
          { t: 'text', v: '生水里可能有' },
          { t: 'em', c: [{ t: 'text', v: '病菌' }] },
          { t: 'text', v: '和虫卵。' },
          { t: 'br' },
          { t: 'text', v: '看不见，也尝不出来。' },
        ],
      },
      {
        t: 'image',
        src: 'media/boil-water/boiling.png.webp',
        alt: '一锅水在炉子上沸腾',
        width: 1280,
        height: 720,
      },
      {
        t: 'table',
        head: [[{ t: 'text', v: '水' }], [{ t: 'text', v: '能不能直接喝' }]],
        rows: [
          [
            [{ t: 'text', v: '自来水' }],
            [
              { t: 'strong', c: [{ t: 'text', v: '烧开' }] },
              { t: 'text', v: '再喝' },
            ],
          ],
          [[{ t: 'text', v: '井水' }], [{ t: 'text', v: '烧开再喝' }]],
        ],
      },
      {
        t: 'list',
        ordered: true,
        items: [
          [{ t: 'paragraph', c: [{ t: 'text', v: '把水烧到大滚。' }] }],
          [
            { t: 'paragraph', c: [{ t: 'text', v: '再滚一分钟。' }] },
            {
              t: 'list',
              ordered: false,
              items: [[{ t: 'paragraph', c: [{ t: 'text', v: '用干净的壶。' }] }]],
            },
          ],
        ],
      },
      {
        t: 'callout',
        kind: 'tip',
        c: [
          {
            t: 'paragraph',
            c: [
              { t: 'text', v: '发洪水以后更要喝开水，看' },
              { t: 'link', article: 'flood-escape', c: [{ t: 'text', v: '洪水来了怎么办' }] },
              { t: 'text', v: '。' },
            ],
          },
        ],
      },
    ]);
  });

  it('joins soft line breaks with a space outside Chinese', () => {
    const para = doc('boil-water', 'en').body[2];
    expect(para).toMatchObject({
      c: [{}, {}, {}, { t: 'br' }, { t: 'text', v: 'You cannot see them or taste them.' }],
    });
  });

  it('writes pictures, documents, narration and the catalog as pack files', () => {
    const types = Object.fromEntries([...compiled.files].map(([path, f]) => [path, f.type]));
    expect(types).toEqual({
      'catalog.json': 'application/json',
      'articles/boil-water.zh-CN.json': 'application/json',
      'articles/boil-water.vi.json': 'application/json',
      'articles/boil-water.en.json': 'application/json',
      'articles/flood-escape.zh-CN.json': 'application/json',
      'articles/flood-escape.vi.json': 'application/json',
      'articles/flood-escape.en.json': 'application/json',
      'media/boil-water/cover.svg': 'image/svg+xml',
      'media/boil-water/boiling.png.webp': 'image/webp',
      'media/boil-water/boiling.png': 'image/png',
      'media/flood-escape/cover.svg': 'image/svg+xml',
      'narration/boil-water.zh-CN.mp3': 'audio/mpeg',
      'quizzes/health.json': 'application/json',
      'media/_quiz/kettle.svg': 'image/svg+xml',
      'media/_quiz/river.svg': 'image/svg+xml',
      'tutorials/call-family.json': 'application/json',
      'tutorials.json': 'application/json',
    });
    expect(decode('articles/boil-water.vi.json')).toEqual(doc('boil-water', 'vi'));
  });

  it('orders the catalog by topic and gathers the three languages', () => {
    const catalog = decode('catalog.json');
    expect(catalog).toEqual(compiled.catalog);
    expect(catalog.articles.map((a: { id: string }) => a.id)).toEqual(['boil-water', 'flood-escape']);
    expect(catalog.articles[1]).toMatchObject({
      topic: 'emergency',
      title: { 'zh-CN': '洪水来了往高处走', vi: 'Lũ đến thì lên chỗ cao', en: 'When a flood comes, go high' },
      coverAlt: { en: 'A family walking up a hill path, with a rising river behind them' },
    });
  });

  it('builds the callout and bullet list of the second article', () => {
    expect(doc('flood-escape', 'en').body.slice(1)).toEqual([
      {
        t: 'list',
        ordered: false,
        items: [
          [{ t: 'paragraph', c: [{ t: 'text', v: 'Take your ID card and medicines.' }] }],
          [{ t: 'paragraph', c: [{ t: 'text', v: 'Switch off the power.' }] }],
        ],
      },
      {
        t: 'callout',
        kind: 'warning',
        c: [
          {
            t: 'paragraph',
            c: [{ t: 'text', v: 'Never wade across a river. Knee-deep water can knock you over.' }],
          },
        ],
      },
    ]);
  });

  it('compiles the quiz bank', () => {
    const [bank] = compiled.quizzes;
    expect(bank?.topic).toBe('health');
    expect(bank?.questions.map((q) => [q.id, q.type, q.answer])).toEqual([
      ['health-boil-single', 'single', 0],
      ['health-boil-multiple', 'multiple', [0, 1]],
      ['health-boil-truefalse', 'truefalse', false],
      ['health-boil-picture', 'picture', 0],
    ]);
    const picture = bank?.questions[3];
    expect(picture?.type === 'picture' && picture.options[0]).toEqual({
      'zh-CN': '烧开的水',
      vi: 'Nước đun sôi',
      en: 'Boiled water',
      image: 'media/_quiz/kettle.svg',
      width: 200,
      height: 150,
      alt: { 'zh-CN': '一只蓝色水壶', vi: 'Một chiếc ấm màu xanh', en: 'A blue kettle' },
    });
    expect(decode('quizzes/health.json')).toEqual(bank);
  });

  it('compiles the tutorial and its catalog', () => {
    const [tutorial] = compiled.tutorials;
    expect(tutorial?.steps.map((s) => [s.screen, s.action, s.target, s.next])).toEqual([
      ['home', 'tap', 'phone', 'dialer'],
      ['dialer', 'type', 'pad', 'dialed'],
      ['dialed', 'longpress', 'call', 'calling'],
      ['calling', 'tap', 'hangup', 'ended'],
      ['ended', 'swipe-left', 'recent', 'contact'],
    ]);
    expect(tutorial?.steps[1]?.text).toBe('110');
    // `dialed` extends `dialer` and replaces its number field in place.
    expect(tutorial?.screens.dialed?.elements.map((e) => e.id)).toEqual(['status', 'number', 'pad', 'call']);
    expect(tutorial?.screens.dialed?.elements[1]?.value).toEqual({ 'zh-CN': '110', vi: '110', en: '110' });
    expect(decode('tutorials/call-family.json')).toEqual(tutorial);
    expect(decode('tutorials.json')).toEqual({
      tutorials: [
        {
          id: 'call-family',
          icon: 'phone',
          title: { 'zh-CN': '给家人打电话', vi: 'Gọi điện cho người thân', en: 'Call your family' },
          summary: {
            'zh-CN': '打开电话，输入号码，拨出去。',
            vi: 'Mở điện thoại, bấm số, gọi đi.',
            en: 'Open the phone, enter the number, call.',
          },
          steps: 5,
        },
      ],
    });
  });
});

describe('compileContent with a photo cover', () => {
  it('writes WebP with a JPEG fallback, at most 1280 px wide', async () => {
    const photoLib = await createTestLibrary();
    try {
      const jpeg = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#88aa44' } })
        .jpeg()
        .toBuffer();
      await photoLib.write('articles/emergency/flood-escape/photo.jpeg', jpeg);
      for (const l of ['zh-CN', 'vi', 'en']) {
        await photoLib.edit(
          `articles/emergency/flood-escape/${l}.md`,
          'cover: cover.svg',
          'cover: photo.jpeg',
        );
      }
      const result = await compileContent('content', { rootDir: photoLib.root });
      expect(result.diagnostics).toEqual([]);
      const en = result.articles.find((d) => d.id === 'flood-escape' && d.locale === 'en');
      expect(en?.cover).toEqual({
        src: 'media/flood-escape/photo.jpeg.webp',
        fallback: 'media/flood-escape/photo.jpg',
        alt: 'A family walking up a hill path, with a rising river behind them',
        width: 1280,
        height: 640,
      });
      expect(result.files.get('media/flood-escape/photo.jpg')?.type).toBe('image/jpeg');
      const meta = await sharp(result.files.get('media/flood-escape/photo.jpeg.webp')?.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', 1280, 640]);
    } finally {
      await removeTestLibrary(photoLib);
    }
  });
});
