import {
  type ArticleDoc,
  ArticleDocSchema,
  articlePath,
  CATALOG_PATH,
  type Catalog,
  CatalogSchema,
} from '../../protocol/content-doc.ts';
import type { Locale } from '../../protocol/locales.ts';
import { type QuizBank, QuizBankSchema, quizPath } from '../../protocol/quiz-doc.ts';
import type { TopicId } from '../../protocol/topics.ts';
import {
  TUTORIAL_CATALOG_PATH,
  type TutorialCatalog,
  TutorialCatalogSchema,
  type TutorialDoc,
  TutorialDocSchema,
  tutorialPath,
} from '../../protocol/tutorial-doc.ts';
import { ContentError, type PackReader } from '../data/pack-reader.ts';

/**
 * The content a kiosk shows, read lazily from the active pack. Results are cached per pack;
 * failures are not, so a later visit tries again.
 */
export function createContentStore(open: () => Promise<PackReader>) {
  let reader: Promise<PackReader> | undefined;
  let catalog: Promise<Catalog> | undefined;
  let tutorialCatalog: Promise<TutorialCatalog> | undefined;
  const articles = new Map<string, Promise<ArticleDoc>>();
  const tutorials = new Map<string, Promise<TutorialDoc>>();
  const quizzes = new Map<TopicId, Promise<QuizBank>>();

  function once<T>(promise: Promise<T>, forget: () => void): Promise<T> {
    promise.catch(forget);
    return promise;
  }

  function pack(): Promise<PackReader> {
    reader ??= once(open(), () => {
      reader = undefined;
    });
    return reader;
  }

  return {
    /** Every article's title, summary and cover, in all languages. */
    catalog(): Promise<Catalog> {
      catalog ??= once(
        pack().then((p) => p.json(CATALOG_PATH, CatalogSchema)),
        () => {
          catalog = undefined;
        },
      );
      return catalog;
    },

    /** One article in one language. */
    article(id: string, locale: Locale): Promise<ArticleDoc> {
      const path = articlePath(id, locale);
      let doc = articles.get(path);
      if (!doc) {
        doc = once(
          pack().then(async (p) => {
            const article = await p.json(path, ArticleDocSchema);
            if (article.id !== id || article.locale !== locale) {
              throw new ContentError('CONTENT_INVALID', `${path} holds ${article.id}.${article.locale}`);
            }
            return article;
          }),
          () => articles.delete(path),
        );
        articles.set(path, doc);
      }
      return doc;
    },

    /** Every phone tutorial's title, summary and step count; none in a pack made before tutorials. */
    tutorials(): Promise<TutorialCatalog> {
      tutorialCatalog ??= once(
        pack().then((p) =>
          p.json(TUTORIAL_CATALOG_PATH, TutorialCatalogSchema).catch((error: unknown) => {
            if (error instanceof ContentError && error.code === 'CONTENT_MISSING') return { tutorials: [] };
            throw error;
          }),
        ),
        () => {
          tutorialCatalog = undefined;
        },
      );
      return tutorialCatalog;
    },

    /** One phone tutorial (all languages in one document). */
    tutorial(id: string): Promise<TutorialDoc> {
      const path = tutorialPath(id);
      let doc = tutorials.get(path);
      if (!doc) {
        doc = once(
          pack().then(async (p) => {
            const tutorial = await p.json(path, TutorialDocSchema);
            if (tutorial.id !== id) throw new ContentError('CONTENT_INVALID', `${path} holds ${tutorial.id}`);
            return tutorial;
          }),
          () => tutorials.delete(path),
        );
        tutorials.set(path, doc);
      }
      return doc;
    },

    /** A topic's question bank, validated (every question, answer and option). */
    quiz(topic: TopicId): Promise<QuizBank> {
      let bank = quizzes.get(topic);
      if (!bank) {
        const path = quizPath(topic);
        bank = once(
          pack().then(async (p) => {
            const found = await p.json(path, QuizBankSchema);
            if (found.topic !== topic)
              throw new ContentError('CONTENT_INVALID', `${path} holds ${found.topic}`);
            return found;
          }),
          () => quizzes.delete(topic),
        );
        quizzes.set(topic, bank);
      }
      return bank;
    },

    /** The version of the pack being shown. */
    async packVersion(): Promise<number> {
      return (await pack()).manifest.version;
    },

    /** Forgets everything read so far: the next read opens the (newly) active pack. */
    invalidate(): void {
      reader = undefined;
      catalog = undefined;
      tutorialCatalog = undefined;
      articles.clear();
      tutorials.clear();
      quizzes.clear();
    },

    /** An address for a picture or recording in the pack. */
    async url(path: string): Promise<string> {
      return (await pack()).url(path);
    },
  };
}

export type ContentStore = ReturnType<typeof createContentStore>;
