import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { finishUtterance, installFakeSpeech, speechLog } from '../support/fake-speech.ts';
import { expectAxeClean, horizontalOverflow, LANGUAGES, PANELS, smallTargets } from '../support/kiosk.ts';
import { adminSession, enrollKiosk, kioskDay, syncNow } from '../support/station.ts';
import { expect, type Page, test } from '../support/test.ts';

type Text = Record<(typeof LANGUAGES)[number]['code'], string>;
interface Question {
  id: string;
  type: 'single' | 'multiple' | 'truefalse' | 'picture';
  answer: number | number[] | boolean;
  article?: string;
  question: Text;
  explanation: Text;
}

// The questions as authored, to know the right answers (the kiosk shows the compiled pack).
const dir = join(import.meta.dirname, '../../content/quizzes');
const BANKS = readdirSync(dir)
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => parse(readFileSync(join(dir, n), 'utf8')) as { topic: string; questions: Question[] });
const QUESTIONS = new Map(BANKS.flatMap((b) => b.questions).map((q) => [q.id, q]));

const WORDS = {
  'zh-CN': {
    quizzes: '答题挑战',
    health: '健康生活',
    digital: '智慧生活',
    daily: '每日挑战',
    selftest: '科学素养自测',
    right: '答对了！',
    wrong: '这题没答对',
    correct: '正确答案',
    mine: '您选的',
    score: (r: number, t: number) => `${t} 道题，答对 ${r} 道`,
    note: '不是调查，也不是对任何人的考试或评价',
    adult: '是，18到69岁',
    total: (score: number) => `自测得分：${score} 分（满分100分）`,
    good: '良好',
    home: '首页',
    back: '返回',
  },
  vi: {
    quizzes: 'Thử tài kiến thức',
    health: 'Sống khỏe',
    digital: 'Cuộc sống số',
    daily: 'Thử thách mỗi ngày',
    selftest: 'Tự kiểm tra hiểu biết khoa học',
    right: 'Đúng rồi!',
    wrong: 'Câu này chưa đúng',
    correct: 'Đáp án đúng',
    mine: 'Bạn đã chọn',
    score: (r: number, t: number) => `Đúng ${r} trên ${t} câu`,
    note: 'Đây không phải cuộc khảo sát, cũng không phải bài thi',
    adult: 'Có, từ 18 đến 69 tuổi',
    total: (score: number) => `Điểm tự kiểm tra: ${score} điểm (tối đa 100 điểm)`,
    good: 'Khá',
    home: 'Trang chủ',
    back: 'Quay lại',
  },
  en: {
    quizzes: 'Quiz challenge',
    health: 'Healthy living',
    digital: 'Digital life',
    daily: 'Daily challenge',
    selftest: 'Science literacy self-check',
    right: 'Right!',
    wrong: 'Not quite',
    correct: 'Right answer',
    mine: 'Your choice',
    score: (r: number, t: number) => `${r} of ${t} right`,
    note: 'It is not a survey, and not a test or rating of anyone',
    adult: 'Yes, 18 to 69',
    total: (score: number) => `Self-check score: ${score} out of 100`,
    good: 'Good',
    home: 'Home',
    back: 'Back',
  },
} as const;

/** The question on screen, looked up in the authored banks. */
async function current(page: Page): Promise<Question> {
  const id = await page.locator('.question').getAttribute('data-question');
  const question = QUESTIONS.get(id ?? '');
  if (!question) throw new Error(`unknown question ${id}`);
  return question;
}

/**
 * Answers the question on screen right or wrong (multiple choice: the exact set, or only part
 * of it / one too many) and waits for the feedback. Returns the question and the options picked.
 */
async function answer(page: Page, right: boolean): Promise<{ question: Question; picked: number }> {
  const question = await current(page);
  const buttons = page.locator('.answers button.answer');
  if (question.type === 'multiple') {
    const correct = question.answer as number[];
    const other = [0, 1, 2, 3, 4, 5].find((i) => !correct.includes(i)) ?? 0;
    const picks = right ? correct : correct.length > 1 ? [correct[0] ?? 0] : [correct[0] ?? 0, other];
    await expect(page.locator('.quiz-check')).toBeDisabled();
    for (const i of picks) await buttons.nth(i).click();
    await page.locator('.quiz-check').click();
    await expect(page.locator('.feedback')).toBeVisible();
    return { question, picked: picks.length };
  }
  let index: number;
  if (question.type === 'truefalse') index = (right ? question.answer : !question.answer) ? 0 : 1;
  else index = right ? (question.answer as number) : question.answer === 0 ? 1 : 0;
  await buttons.nth(index).click();
  await expect(page.locator('.feedback')).toBeVisible();
  return { question, picked: 1 };
}

const next = (page: Page) => page.locator('.feedback .big-button').click();

async function openQuizzes(page: Page, lang: (typeof LANGUAGES)[number], path = '/quizzes') {
  await page.goto(path);
  await page.getByRole('button', { name: lang.button }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
}

async function expectFits(page: Page, label: string) {
  expect(await smallTargets(page), label).toEqual([]);
  expect(await horizontalOverflow(page), label).toEqual([]);
}

test.describe('topic quiz', () => {
  for (const lang of LANGUAGES) {
    test(`plays to the result in ${lang.code}: feedback, explanation, score, articles`, async ({ page }) => {
      const words = WORDS[lang.code];
      await openQuizzes(page, lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.quizzes);
      await expectAxeClean(page, `quizzes ${lang.code}`);
      await page.locator('.tile__button', { hasText: words.health }).click();
      await expect(page).toHaveURL(/\/quiz\/topic\/health$/);

      const seen = new Set<string>();
      let rights = 0;
      for (let n = 1; n <= 10; n++) {
        await expect(page.locator('.quiz__progress')).toContainText(`${n} / 10`);
        await expect(page.locator('.question__text')).toHaveText((await current(page)).question[lang.code]);
        if (n === 1) {
          await expectAxeClean(page, `question ${lang.code}`);
          await expectFits(page, `question ${lang.code}`);
        }
        const right = n % 3 !== 0;
        const { question } = await answer(page, right);
        seen.add(question.id);
        if (right) rights++;
        const feedback = page.locator('.feedback');
        await expect(feedback.locator('.feedback__verdict')).toHaveText(right ? words.right : words.wrong);
        await expect(feedback.locator('.feedback__explanation')).toHaveText(question.explanation[lang.code]);
        if (n === 3) await expectAxeClean(page, `wrong answer ${lang.code}`);
        await next(page);
      }
      // Ten different questions of the topic, none twice.
      expect(seen.size).toBe(10);
      expect([...seen].every((id) => id.startsWith('health-'))).toBe(true);

      const result = page.locator('.quiz-result');
      await expect(result.locator('.quiz-result__score')).toContainText(words.score(rights, 10));
      await expect(page.locator('.quiz__progress')).toHaveCount(0);
      const suggestions = result.locator('.suggestion');
      await expect(suggestions.first()).toBeVisible();
      await expectAxeClean(page, `result ${lang.code}`);
      await expectFits(page, `result ${lang.code}`);

      // A suggested article opens; Back returns to the same result, not a new quiz.
      const title = (await suggestions.first().textContent())?.trim() ?? '';
      await suggestions.first().click();
      await expect(page).toHaveURL(/\/article\//);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await page.getByRole('button', { name: words.back }).click();
      await expect(result.locator('.quiz-result__score')).toContainText(words.score(rights, 10));
    });
  }

  test('play again draws a new quiz; the other-quizzes button returns to the modes', async ({ page }) => {
    await openQuizzes(page, LANGUAGES[2]);
    await page.locator('.tile__button', { hasText: 'Digital life' }).click();
    for (let n = 0; n < 10; n++) {
      await answer(page, true);
      await next(page);
    }
    await expect(page.locator('.quiz-result__message')).toHaveText('Every answer right. Wonderful!');
    await page.getByRole('button', { name: 'Play again' }).click();
    await expect(page.locator('.quiz__progress')).toContainText('1 / 10');
    await expect(page.locator('.feedback')).toHaveCount(0);
    await answer(page, false);
    await page.getByRole('button', { name: 'Back' }).click();
    await expect(page).toHaveURL(/\/quizzes$/);
    await page.locator('.tile__button', { hasText: 'Digital life' }).click();
    await expect(page.locator('.quiz__progress')).toContainText('1 / 10');
  });
});

test.describe('answers', () => {
  test('a wrong answer shows the right one, the explanation and its source, by icon, words and colour', async ({
    page,
  }) => {
    await page.goto('/quiz/topic/rumors');
    const { question } = await answer(page, false);
    const feedback = page.locator('.feedback.feedback--wrong');
    await expect(feedback.locator('.feedback__verdict')).toHaveText('这题没答对');
    await expect(feedback.locator('.feedback__verdict svg.icon')).toBeVisible();
    await expect(feedback.locator('.feedback__answer')).toContainText('正确答案：');
    await expect(feedback.locator('.feedback__explanation')).toHaveText(question.explanation['zh-CN']);
    await expect(feedback.locator('.feedback__source')).toContainText('资料来源：');
    await expect(page.locator('.answer--right').first()).toContainText('正确答案');
    await expect(page.locator('.answer--wrong, .answer--right .tag--chosen').first()).toContainText('您选的');
    const colours = await page
      .locator('.answer--right')
      .first()
      .evaluate((el) => getComputedStyle(el).borderTopColor);
    expect(colours).toBe('rgb(31, 92, 22)');
    // No voice on this machine: no read-aloud buttons, and no timers anywhere.
    await expect(page.locator('.quiz-tool')).toHaveCount(0);
    await expect(page.locator('.quiz [role="timer"], .quiz time')).toHaveCount(0);
    await expectAxeClean(page, 'wrong answer');
  });

  test('multiple choice: right only with exactly the correct options', async ({ page }) => {
    // Math.random pinned so a topic quiz keeps its bank order (sorted by id): a known sequence.
    await page.addInitScript(() => {
      Math.random = () => 0.999999;
    });
    const bank = BANKS.find((b) => b.topic === 'digital');
    const order = [...(bank?.questions ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, 10);
    const multiples = order.flatMap((q, i) => (q.type === 'multiple' ? [i] : []));
    expect(multiples.length).toBeGreaterThanOrEqual(1);
    await page.goto('/quiz/topic/digital');
    let played = 0;
    for (const [k, index] of multiples.entries()) {
      while (played < index) {
        await answer(page, true);
        await next(page);
        played++;
      }
      const question = await current(page);
      expect(question.id).toBe(order[index]?.id);
      await expect(page.locator('.question__hint')).toContainText('可以选多个');
      // The first one with only part of the set, then the full set.
      await answer(page, k > 0);
      await expect(page.locator('.feedback__verdict')).toHaveText(k > 0 ? '答对了！' : '这题没答对');
      await expect(page.locator('.answer--right')).toHaveCount((question.answer as number[]).length);
      await next(page);
      played++;
      if (multiples.length === 1) break;
    }
  });

  test('the explanation and the question are read aloud on request', async ({ page }) => {
    await installFakeSpeech(page);
    await page.goto('/quiz/topic/youth');
    const question = await current(page);
    await page.getByRole('button', { name: '朗读题目' }).click();
    await expect
      .poll(async () => (await speechLog(page)).spoken.at(-1))
      .toContain(question.question['zh-CN']);
    await answer(page, true);
    await page.getByRole('button', { name: '朗读解释' }).click();
    await expect
      .poll(async () => (await speechLog(page)).spoken.at(-1))
      .toContain(question.explanation['zh-CN']);
    await finishUtterance(page);
    const cancels = (await speechLog(page)).cancels;
    await next(page);
    await expect.poll(async () => (await speechLog(page)).cancels).toBeGreaterThan(cancels);
  });
});

test.describe('daily challenge', () => {
  for (const lang of LANGUAGES) {
    test(`plays to the result in ${lang.code}`, async ({ page }) => {
      const words = WORDS[lang.code];
      await openQuizzes(page, lang);
      await page.locator('.tile__button', { hasText: words.daily }).click();
      await expect(page).toHaveURL(/\/quiz\/daily$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.daily);
      const topics = new Set<string>();
      for (let n = 1; n <= 5; n++) {
        await expect(page.locator('.quiz__progress')).toContainText(`${n} / 5`);
        const { question } = await answer(page, true);
        topics.add(question.id.split('-')[0] ?? '');
        await next(page);
      }
      expect(topics.size).toBe(5);
      await expect(page.locator('.quiz-result__score')).toContainText(words.score(5, 5));
      await expectAxeClean(page, `daily result ${lang.code}`);
    });
  }

  test('is the same questions on every kiosk on the station day, whatever the device zone', async ({
    browser,
  }) => {
    // 03:00 UTC: 11:00 on Nov 28 in Hekou, still Nov 27 in Los Angeles.
    const play = async (timezoneId: string, at: string) => {
      const context = await browser.newContext({ timezoneId });
      const page = await context.newPage();
      await page.clock.setFixedTime(new Date(at));
      await page.goto('/quiz/daily');
      const ids: string[] = [];
      for (let n = 0; n < 5; n++) {
        ids.push((await current(page)).id);
        await answer(page, true);
        await next(page);
      }
      const date = await page.locator('.quiz__title .topic__tagline').textContent();
      await context.close();
      return { ids, date };
    };
    const hekou = await play('Asia/Shanghai', '2026-11-28T03:00:00Z');
    const la = await play('America/Los_Angeles', '2026-11-28T03:00:00Z');
    const hanoi = await play('Asia/Ho_Chi_Minh', '2026-11-28T15:30:00Z');
    expect(la.ids).toEqual(hekou.ids);
    expect(hanoi.ids).toEqual(hekou.ids);
    expect(hekou.date).toContain('2026年11月28日');
    expect(la.date).toBe(hekou.date);
    const nextDay = await play('Asia/Shanghai', '2026-11-28T16:30:00Z');
    expect(nextDay.ids).not.toEqual(hekou.ids);
  });
});

test.describe('self-test', () => {
  for (const lang of LANGUAGES) {
    test(`asks the age band, plays 20 questions to a weighted score and level in ${lang.code}, saying plainly it is no survey`, async ({
      page,
    }) => {
      const words = WORDS[lang.code];
      await openQuizzes(page, lang);
      await expect(page.locator('.quiz-note')).toContainText(words.note);
      await page.locator('.tile__button', { hasText: words.selftest }).click();
      await expect(page).toHaveURL(/\/quiz\/selftest$/);
      // One question first, and no quiz before it is answered.
      await expect(page.locator('.selftest-age')).toBeVisible();
      await expect(page.locator('.quiz__progress')).toHaveCount(0);
      await expectAxeClean(page, `self-test age question ${lang.code}`);
      await expectFits(page, `self-test age question ${lang.code}`);
      await page.getByRole('button', { name: words.adult }).click();
      await expect(page.locator('.quiz-note--short')).toBeVisible();
      for (let n = 1; n <= 20; n++) {
        await expect(page.locator('.quiz__progress')).toContainText(`${n} / 20`);
        await expect(page.locator('.question__topic')).toBeVisible();
        // All right but four: 16 of 20, each worth 5 points, is 80: the 70-84 level.
        await answer(page, n > 4);
        await next(page);
      }
      const result = page.locator('.quiz-result');
      await expect(result.locator('.quiz-result__score')).toContainText(words.total(80));
      await expect(result).toContainText(words.score(16, 20));
      await expect(result.locator('.levels__item')).toHaveCount(4);
      await expect(result.locator('.levels__item--here')).toContainText(words.good);
      await expect(result.locator('.tally li')).toHaveCount(4);
      await expect(result.locator('.quiz-note').last()).toContainText(words.note);
      await expectAxeClean(page, `self-test result ${lang.code}`);
      await expectFits(page, `self-test result ${lang.code}`);
    });
  }

  test('a low score stays kind, shows the lowest level and points to articles', async ({ page }) => {
    await page.goto('/quiz/selftest');
    await page.getByRole('button', { name: '不是，或者不想说' }).click();
    for (let n = 0; n < 20; n++) {
      await answer(page, n < 10);
      await next(page);
    }
    await expect(page.locator('.quiz-result__score')).toContainText('自测得分：50 分（满分100分）');
    await expect(page.locator('.levels__item--here')).toContainText('刚起步');
    await expect(page.locator('.quiz-result__message')).toHaveText('学到了不少！推荐的文章能帮您了解更多。');
    await expect(page.locator('.suggestion')).toHaveCount(3);
  });
});

test('an idle reset in the middle of a quiz discards it', async ({ page }) => {
  await page.clock.install();
  await page.goto('/quizzes');
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('.tile__button', { hasText: 'Healthy living' }).click();
  await answer(page, true);
  await next(page);
  await answer(page, false);
  await next(page);
  await expect(page.locator('.quiz__progress')).toContainText('3 / 10');
  await page.clock.runFor(90_000);
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.clock.runFor(30_000);
  const attract = page.locator('.attract__button');
  await expect(attract).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await attract.click();
  await expect(page.getByRole('button', { name: '返回' })).toBeDisabled();
  await page.locator('.tile__button', { hasText: '答题挑战' }).click();
  await page.locator('.tile__button', { hasText: '健康生活' }).click();
  await expect(page.locator('.quiz__progress')).toContainText('1 / 10');
  await expect(page.locator('.feedback')).toHaveCount(0);
});

test('every quiz screen fits both panels in large text', async ({ page }) => {
  test.setTimeout(180_000);
  for (const [panel, viewport] of Object.entries(PANELS)) {
    await page.setViewportSize(viewport);
    for (const lang of LANGUAGES) {
      await openQuizzes(page, lang, '/quiz/topic/digital');
      await page.locator('.control-bar .bar-button--toggle').last().click();
      await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
      const label = `${panel} ${lang.code} large`;
      await expectFits(page, `question ${label}`);
      for (let n = 0; n < 10; n++) {
        await answer(page, n % 2 === 0);
        if (n === 0) await expectFits(page, `feedback ${label}`);
        await next(page);
      }
      await expect(page.locator('.quiz-result')).toBeVisible();
      await expectFits(page, `result ${label}`);
      const body = await page
        .locator('.quiz-result__message')
        .evaluate((el) => getComputedStyle(el).fontSize);
      expect(Number.parseFloat(body)).toBeGreaterThanOrEqual(32);
    }
  }
});

test('counts reach the hub and the self-test indicator shows them', async ({ page, request, baseURL }) => {
  test.setTimeout(90_000);
  const stationId = await enrollKiosk(page, request, baseURL ?? '');
  await page.goto('/quiz/selftest');
  await page.getByRole('button', { name: '是，18到69岁' }).click();
  let options = 0;
  for (let n = 0; n < 20; n++) {
    options += (await answer(page, true)).picked;
    await next(page);
  }
  await expect(page.locator('.quiz-result')).toContainText('20 道题，答对 20 道');
  await page.getByRole('button', { name: '首页' }).click();
  await syncNow(page);

  const day = await kioskDay(page);
  const headers = await adminSession(request, baseURL ?? '');
  const usage = await request.get(
    `/api/v1/admin/usage?from=${day}&to=${day}&by=metric,key&station=${stationId}&metric=quiz_start,quiz_complete,quiz_score,selftest_pass,selftest_level,quiz_option`,
    { headers },
  );
  const { rows } = (await usage.json()) as { rows: Array<{ metric: string; key: string; count: number }> };
  expect(rows.filter((r) => r.metric !== 'quiz_option')).toEqual([
    { metric: 'quiz_complete', key: 'selftest', count: 1 },
    { metric: 'quiz_score', key: 'selftest/10', count: 1 },
    { metric: 'quiz_start', key: 'selftest', count: 1 },
    { metric: 'selftest_level', key: 'adult/3', count: 1 },
    { metric: 'selftest_pass', key: 'selftest', count: 1 },
  ]);
  const chosen = rows.filter((r) => r.metric === 'quiz_option');
  expect(chosen.reduce((sum, r) => sum + r.count, 0)).toBe(options);
  for (const r of chosen) expect(r.key).toMatch(/^[a-z0-9-]+\/([0-9]+|true|false)$/);

  const report = await (
    await request.get(`/api/v1/admin/selftest?from=${day}&to=${day}`, { headers })
  ).json();
  expect(report.note).toContain('not a survey');
  expect(report.rows).toContainEqual(
    expect.objectContaining({
      stationId,
      completed: 1,
      passed: 1,
      share: 1,
      levels: { 0: 0, 1: 0, 2: 0, 3: 1 },
      adult: { completed: 1, levels: { 0: 0, 1: 0, 2: 0, 3: 1 }, passed: 1, share: 1 },
    }),
  );
});
