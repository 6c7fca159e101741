import { LOCALES, type Locale } from '../protocol/locales.ts';
import type { QuizBank, QuizQuestion } from '../protocol/quiz-doc.ts';
import { type Diagnostic, error } from './diagnostics.ts';

/**
 * Answer cues: what a reader who has not read the question could still use to pick the right
 * answer. Per bank (and across all banks) the compiler counts
 *   - single choice: how often the right option is strictly the longest, in each language;
 *   - multiple choice: how many options are right (a guesser would pick the usual number);
 *   - true/false: how often the answer is "true";
 *   - single choice: which position the right option takes (the kiosk does not shuffle).
 * Each count is compared with what chance gives when the author places the right answer with no
 * regard to length, count, truth or position, by an exact one-sided tail probability (p). A bank
 * fails when p < CUE_ALPHA: a pattern that strong arises by chance less than once in 100.
 */
export const CUE_ALPHA = 0.01;

/** A count, what chance expects of it, and how unlikely a count this high is by chance. */
export interface CueFigure {
  /** Questions the figure is about. */
  n: number;
  /** Questions showing the cue (right option longest; the most common count; ...). */
  observed: number;
  /** What chance expects for `observed`. */
  expected: number;
  /** P(a count at least this high by chance); 1 when nothing can be said. */
  p: number;
}

/** The cue report of one bank, or of every bank together (`topic: 'all'`). */
export interface CueReport {
  topic: string;
  longest: Record<Locale, CueFigure>;
  /** How many multiple-choice questions have each number of right options. */
  rightCounts: Record<number, number>;
  multiple: CueFigure;
  truefalse: CueFigure & { trues: number };
  positions: Record<number, number>;
  position: CueFigure;
}

/** The report for every bank and, last, for all banks together. */
export function answerCueReport(banks: readonly QuizBank[]): CueReport[] {
  const reports = banks.map((b) => bankReport(b.topic, b.questions));
  return [
    ...reports,
    bankReport(
      'all',
      banks.flatMap((b) => b.questions),
    ),
  ];
}

/** One ANSWER_CUE error per figure of a report with p below CUE_ALPHA, at the bank's file. */
export function cueDiagnostics(
  reports: readonly CueReport[],
  fileOf: (topic: string) => string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of reports) {
    const where = r.topic === 'all' ? 'across all quiz files' : 'in this file';
    const at = (msg: string) => out.push(error(fileOf(r.topic), 1, 'ANSWER_CUE', `${where}, ${msg}`));
    for (const locale of LOCALES) {
      const f = r.longest[locale];
      if (f.p < CUE_ALPHA)
        at(
          `the right answer is the longest option in ${f.observed} of ${f.n} single-choice questions (${locale}; chance ${fmt(f.expected)}, p = ${f.p.toFixed(4)}): make a wrong option the longest in more of them`,
        );
    }
    if (r.multiple.p < CUE_ALPHA)
      at(
        `${r.multiple.observed} of ${r.multiple.n} multiple-choice questions have the same number of right options (${countsText(r.rightCounts)}; chance ${fmt(r.multiple.expected)}, p = ${r.multiple.p.toFixed(4)}): vary how many options are right`,
      );
    if (r.truefalse.p < CUE_ALPHA)
      at(
        `${r.truefalse.trues} of ${r.truefalse.n} true/false answers are "true" (p = ${r.truefalse.p.toFixed(4)}): balance true and false`,
      );
    if (r.position.p < CUE_ALPHA)
      at(
        `${r.position.observed} of ${r.position.n} single-choice answers sit in the same position (${countsText(r.positions)}; p = ${r.position.p.toFixed(4)}): vary where the right option is`,
      );
  }
  return out;
}

/** The report as lines for the terminal, one block per bank. */
export function formatCueReport(reports: readonly CueReport[]): string[] {
  return reports.map((r) => {
    const longest = LOCALES.map((l) => `${l} ${r.longest[l].observed}/${r.longest[l].n}`).join(', ');
    const chance = r.longest['zh-CN'].n > 0 ? ` (chance ${fmt(r.longest['zh-CN'].expected)})` : '';
    const mult = r.multiple.n > 0 ? countsText(r.rightCounts) : 'none';
    return (
      `cues ${r.topic}: right answer longest ${longest}${chance}; ` +
      `right options in multiple choice ${mult}; true ${r.truefalse.trues}/${r.truefalse.n}; ` +
      `answer positions ${countsText(r.positions)}`
    );
  });
}

function bankReport(topic: string, questions: readonly QuizQuestion[]): CueReport {
  const singles = questions.filter((q) => q.type === 'single' || q.type === 'picture');
  const longest = {} as Record<Locale, CueFigure>;
  for (const locale of LOCALES) {
    // Chance that the right option is strictly the longest: 1/k when one option is longest, else 0.
    const chances: number[] = [];
    let observed = 0;
    for (const q of singles) {
      const lengths = q.options.map((o) => Array.from(o[locale].trim()).length);
      const max = Math.max(...lengths);
      const unique = lengths.filter((n) => n === max).length === 1;
      chances.push(unique ? 1 / lengths.length : 0);
      if (unique && lengths[q.answer as number] === max) observed++;
    }
    longest[locale] = figure(observed, chances);
  }
  const multiples = questions.filter((q) => q.type === 'multiple');
  const rightCounts = tally(multiples.map((q) => (q.answer as number[]).length));
  const tfs = questions.filter((q) => q.type === 'truefalse');
  const trues = tfs.filter((q) => q.answer === true).length;
  const positions = tally(singles.map((q) => q.answer as number));
  return {
    topic,
    longest,
    rightCounts,
    // Chance: any number of right options from 1 to k equally likely.
    multiple: mostCommon(
      rightCounts,
      multiples.map((q) => q.options.length),
      1,
    ),
    truefalse: { ...twoSided(trues, tfs.length), trues },
    positions,
    // Chance: each of the k positions equally likely.
    position: mostCommon(
      positions,
      singles.map((q) => q.options.length),
      0,
    ),
  };
}

function tally(values: readonly number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** A count of independent chance events (Poisson binomial) and its exact upper tail. */
function figure(observed: number, chances: readonly number[]): CueFigure {
  const expected = chances.reduce((a, b) => a + b, 0);
  return { n: chances.length, observed, expected, p: upperTail(chances, observed) };
}

/**
 * The most common value among questions whose value is uniform on [first, first + k - 1] by chance,
 * with p bounded above by the sum over values of each one's tail (the union bound): exact enough
 * to fail a real pattern, and never stricter than the exact test.
 */
function mostCommon(counts: Record<number, number>, ks: readonly number[], first: number): CueFigure {
  const n = ks.length;
  if (n === 0) return { n, observed: 0, expected: 0, p: 1 };
  const entries = Object.entries(counts).map(([v, c]) => [Number(v), c] as const);
  const observed = Math.max(...entries.map(([, c]) => c));
  const values = new Set(ks.flatMap((k) => Array.from({ length: k }, (_, i) => first + i)));
  let p = 0;
  let expected = 0;
  for (const v of values) {
    const chances = ks.map((k) => (v >= first && v < first + k ? 1 / k : 0));
    p += upperTail(chances, observed);
    expected = Math.max(
      expected,
      chances.reduce((a, b) => a + b, 0),
    );
  }
  return { n, observed, expected, p: Math.min(1, p) };
}

/** Two-sided binomial test of `k` successes in `n` against one half. */
function twoSided(k: number, n: number): CueFigure {
  if (n === 0) return { n, observed: 0, expected: 0, p: 1 };
  const half = Array.from({ length: n }, () => 0.5);
  const far = Math.max(k, n - k);
  return { n, observed: k, expected: n / 2, p: Math.min(1, 2 * upperTail(half, far)) };
}

/** P(at least `k` of the independent events happen), events with the given chances. */
function upperTail(chances: readonly number[], k: number): number {
  if (k <= 0) return 1;
  let dist = [1];
  for (const c of chances) {
    const next = new Array<number>(dist.length + 1).fill(0);
    dist.forEach((p, i) => {
      next[i] = (next[i] ?? 0) + p * (1 - c);
      next[i + 1] = (next[i + 1] ?? 0) + p * c;
    });
    dist = next;
  }
  return dist.slice(k).reduce((a, b) => a + b, 0);
}

function countsText(counts: Record<number, number>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? 'none' : entries.map(([v, c]) => `${v}:${c}`).join(' ');
}

function fmt(x: number): string {
  return Math.abs(x - Math.round(x)) < 1e-9 ? String(Math.round(x)) : x.toFixed(1);
}
