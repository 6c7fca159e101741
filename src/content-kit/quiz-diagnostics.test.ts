import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileContent } from './compile.ts';
import { formatDiagnostic } from './diagnostics.ts';
import { createTestLibrary, removeTestLibrary, type TestLibrary } from './test-library.ts';

const QUIZ = 'quizzes/health.yaml';
const FILE = `content/${QUIZ}`;

let lib: TestLibrary;
beforeEach(async () => {
  lib = await createTestLibrary();
});
afterEach(() => removeTestLibrary(lib));

async function errors(): Promise<string[]> {
  const { diagnostics } = await compileContent('content', { rootDir: lib.root });
  return diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

describe('quiz diagnostics', () => {
  it('YAML_SYNTAX', async () => {
    await lib.edit(QUIZ, '    answer: 0\n', '    answer: [0\n');
    expect(await errors()).toEqual([
      `${FILE}:25: error YAML_SYNTAX: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ]);
  });

  it('ANSWER_OUT_OF_RANGE: an index past the options', async () => {
    await lib.edit(QUIZ, '    answer: 0\n', '    answer: 2\n');
    expect(await errors()).toEqual([
      `${FILE}:24: error ANSWER_OUT_OF_RANGE: answer: 2 is past the last option: options are numbered 0 to 1`,
    ]);
  });

  it('ANSWER_OUT_OF_RANGE: multiple without a list, and with an index twice', async () => {
    await lib.edit(QUIZ, 'answer: [0, 1]', 'answer: 1');
    expect(await errors()).toEqual([
      `${FILE}:53: error ANSWER_OUT_OF_RANGE: answer: a multiple question needs a list of every correct option, like [0, 2]`,
    ]);
    await lib.edit(QUIZ, 'answer: 1', 'answer: [1, 1]');
    expect(await errors()).toEqual([
      `${FILE}:53: error ANSWER_OUT_OF_RANGE: answer[1]: option 1 is listed twice`,
    ]);
  });

  it('ANSWER_OUT_OF_RANGE: truefalse with options or a non-boolean answer', async () => {
    await lib.edit(QUIZ, '    answer: false\n', '    options: []\n    answer: "no"\n');
    expect(await errors()).toEqual([
      `${FILE}:73: error ANSWER_OUT_OF_RANGE: options: a truefalse question has no options`,
      `${FILE}:74: error ANSWER_OUT_OF_RANGE: answer: must be true or false`,
    ]);
  });

  it('QUIZ_INVALID: bad values, unknown and missing fields', async () => {
    await lib.edit(QUIZ, 'difficulty: 2', 'difficulty: 4');
    await lib.edit(QUIZ, '    type: truefalse\n', '    type: truefalse\n    hint: think\n');
    await lib.edit(
      QUIZ,
      '    dimension: application\n    article: boil-water\n',
      '    article: boil-water\n',
    );
    await lib.edit(
      QUIZ,
      'url: https://www.who.int/news-room/fact-sheets/detail/drinking-water',
      'url: who.int',
    );
    expect(await errors()).toEqual([
      `${FILE}:3: error QUIZ_INVALID: missing required field dimension`,
      `${FILE}:11: error QUIZ_INVALID: source.url: must be a web address`,
      `${FILE}:31: error QUIZ_INVALID: difficulty: must be 1 (easy), 2 or 3 (hard)`,
      `${FILE}:60: error QUIZ_INVALID: hint: unknown field`,
    ]);
  });

  it('MISSING_TRANSLATION: a question without Vietnamese, an empty English explanation', async () => {
    await lib.edit(QUIZ, '      vi: Uống nước giếng thế nào là an toàn nhất?\n', '');
    await lib.edit(QUIZ, '      en: Clear water can still carry germs; boiling kills them.', '      en: ""');
    expect(await errors()).toEqual([
      `${FILE}:13: error MISSING_TRANSLATION: question: no vi text`,
      `${FILE}:27: error MISSING_TRANSLATION: explanation.en: no en text`,
    ]);
  });

  it('UNKNOWN_ARTICLE', async () => {
    await lib.edit(QUIZ, 'article: boil-water', 'article: boiled-water');
    expect(await errors()).toEqual([
      `${FILE}:7: error UNKNOWN_ARTICLE: article: boiled-water is not the id of any article`,
    ]);
  });

  it('DUPLICATE_ID across quiz files', async () => {
    const text = await lib.read(QUIZ);
    await lib.write('quizzes/emergency.yaml', text.replace('topic: health', 'topic: emergency'));
    await lib.edit(QUIZ, 'id: health-boil-multiple', 'id: health-boil-multiple-x');
    const found = await errors();
    expect(found[0]).toBe(
      `${FILE}:3: error DUPLICATE_ID: question id health-boil-single is already used at content/quizzes/emergency.yaml:3`,
    );
    expect(found).toHaveLength(3);
  });

  it('UNKNOWN_TOPIC and TOPIC_FOLDER_MISMATCH for a quiz file', async () => {
    await lib.edit(QUIZ, 'topic: health', 'topic: sport');
    expect(await errors()).toEqual([
      `${FILE}:1: error UNKNOWN_TOPIC: topic "sport" is not one of health, emergency, farming, digital, rumors, youth`,
    ]);
    await lib.edit(QUIZ, 'topic: sport', 'topic: youth');
    expect(await errors()).toEqual([
      `${FILE}:1: error TOPIC_FOLDER_MISMATCH: topic "youth" does not match the file name health.yaml`,
    ]);
  });

  it('picture options: IMAGE_NOT_FOUND, IMAGE_ALT_MISSING, UNSAFE_SVG', async () => {
    await lib.edit(QUIZ, 'image: kettle.svg', 'image: pot.svg');
    await lib.edit(
      QUIZ,
      '        alt:\n          zh-CN: 一条河\n          vi: Một dòng sông\n          en: A river\n',
      '',
    );
    await lib.write('quizzes/media/river.svg', '<svg viewBox="0 0 10 10" onclick="x()"></svg>');
    expect(await errors()).toEqual([
      `${FILE}:96: error IMAGE_NOT_FOUND: picture pot.svg not found in content/quizzes/media`,
      `${FILE}:101: error IMAGE_ALT_MISSING: options[1]: a picture option needs alt text`,
      'content/quizzes/media/river.svg:1: error UNSAFE_SVG: event handler attribute onclick is not allowed',
    ]);
  });
});
