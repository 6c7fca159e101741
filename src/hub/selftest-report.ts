import {
  SELFTEST_AGE_BANDS,
  SELFTEST_LEVEL_VALUES,
  SELFTEST_LEVELS,
  SELFTEST_MEETS_LEVEL,
  SELFTEST_WEIGHTS,
  type SelfTestAgeBand,
  type SelfTestLevel,
} from '../protocol/selftest.ts';
import type { Station, Store, UsageRow } from './storage/store.ts';

/** What the figures mean, sent with them so no dashboard shows them without it. */
export const SELFTEST_NOTE =
  `A self-selected indicator, not a survey: residents choose to take the kiosk's anonymous ` +
  `science-literacy self-test, weighted like the national survey (knowledge ${SELFTEST_WEIGHTS.knowledge}, ` +
  `methods ${SELFTEST_WEIGHTS.method}, thinking ${SELFTEST_WEIGHTS.thinking}, application ` +
  `${SELFTEST_WEIGHTS.application}) with levels from ${SELFTEST_LEVELS.join(', ')} of 100. "passed" ` +
  `counts self-tests scoring ${SELFTEST_LEVELS[SELFTEST_MEETS_LEVEL - 1]} or more; "adult" those whose taker said ` +
  `they are 18 to 69, the survey's ages. It describes the self-tests taken, not the population, and ` +
  `never any one person.`;

/** Self-tests at each level (0..3). */
export type LevelCounts = Record<SelfTestLevel, number>;

/** Figures of one station, one town or the total. */
export type SelfTestFigures = {
  /** Self-tests completed (any age, including kiosks from before levels were counted). */
  completed: number;
  /** Of those, scoring 70 or more. */
  passed: number;
  /** passed / completed, rounded to 4 places; null when none was completed. */
  share: number | null;
  /** Self-tests per level, every age band. */
  levels: LevelCounts;
  /** Self-tests whose taker said they are 18 to 69: per level, how many reached 70, the share. */
  adult: { completed: number; levels: LevelCounts; passed: number; share: number | null };
};

export type SelfTestRow =
  | ({ stationId: string; name: string; town: string } & SelfTestFigures)
  | ({ town: string } & SelfTestFigures);

export interface SelfTestQuery {
  from: string;
  to: string;
  by: 'station' | 'town';
}

const emptyLevels = (): LevelCounts => ({ 0: 0, 1: 0, 2: 0, 3: 0 });

/**
 * The one query layer for self-test figures (the console's dashboard and the monthly report use
 * it): usage totals of `quiz_complete`/`selftest`, `selftest_pass` and `selftest_level` for the
 * days, grouped per station or per town.
 */
export async function loadSelfTestReport(
  store: Pick<Store, 'usageTotals' | 'listStations'>,
  query: SelfTestQuery,
): Promise<{ rows: SelfTestRow[]; total: SelfTestFigures }> {
  const [totals, stations] = await Promise.all([
    store.usageTotals({
      from: query.from,
      to: query.to,
      metrics: ['quiz_complete', 'selftest_pass', 'selftest_level'],
      by: [query.by, 'metric', 'key'],
    }),
    query.by === 'station' ? store.listStations() : Promise.resolve([]),
  ]);
  return selfTestReport(totals, query.by, stations);
}

/**
 * Turns usage totals grouped by (station or town, metric, key) into self-test figures per
 * station or town. Other metrics and keys are ignored.
 */
export function selfTestReport(
  rows: readonly UsageRow[],
  by: 'station' | 'town',
  stations: readonly Station[],
): { rows: SelfTestRow[]; total: SelfTestFigures } {
  const groups = new Map<string, Counts>();
  for (const row of rows) {
    const id = (by === 'station' ? row.stationId : row.town) ?? '';
    const group = groups.get(id) ?? newCounts();
    if (add(group, row)) groups.set(id, group);
  }
  const out: SelfTestRow[] = [...groups].map(([id, g]) => {
    if (by === 'town') return { town: id, ...figures(g) };
    const station = stations.find((s) => s.id === id);
    return { stationId: id, name: station?.name ?? '', town: station?.town ?? '', ...figures(g) };
  });
  const sum = newCounts();
  for (const g of groups.values()) {
    sum.completed += g.completed;
    sum.passed += g.passed;
    for (const band of SELFTEST_AGE_BANDS)
      for (const l of SELFTEST_LEVEL_VALUES) sum.levels[band][l] += g.levels[band][l];
  }
  return { rows: out, total: figures(sum) };
}

/** The table columns of a report as CSV rows (levels and the adult figures flattened). */
export function selfTestCsvRows(rows: readonly SelfTestRow[]): Array<Record<string, unknown>> {
  return rows.map(({ levels, adult, ...rest }) => ({
    ...rest,
    ...Object.fromEntries(SELFTEST_LEVEL_VALUES.map((l) => [`level${l}`, levels[l]])),
    adultCompleted: adult.completed,
    ...Object.fromEntries(SELFTEST_LEVEL_VALUES.map((l) => [`adultLevel${l}`, adult.levels[l]])),
    adultPassed: adult.passed,
    adultShare: adult.share,
  }));
}

/** CSV column names, in order, for `by`. */
export function selfTestCsvColumns(by: 'station' | 'town'): string[] {
  return [
    ...(by === 'station' ? ['stationId', 'name', 'town'] : ['town']),
    'completed',
    'passed',
    'share',
    ...SELFTEST_LEVEL_VALUES.map((l) => `level${l}`),
    'adultCompleted',
    ...SELFTEST_LEVEL_VALUES.map((l) => `adultLevel${l}`),
    'adultPassed',
    'adultShare',
  ];
}

interface Counts {
  completed: number;
  passed: number;
  levels: Record<SelfTestAgeBand, LevelCounts>;
}

function newCounts(): Counts {
  return { completed: 0, passed: 0, levels: { adult: emptyLevels(), other: emptyLevels() } };
}

/** Adds one usage row to a group; false when the row is not a self-test figure. */
function add(group: Counts, row: UsageRow): boolean {
  if (row.metric === 'quiz_complete' && row.key === 'selftest') group.completed += row.count;
  else if (row.metric === 'selftest_pass' && row.key === 'selftest') group.passed += row.count;
  else if (row.metric === 'selftest_level') {
    const [band, level] = (row.key ?? '').split('/');
    const l = Number(level) as SelfTestLevel;
    if ((band !== 'adult' && band !== 'other') || !SELFTEST_LEVEL_VALUES.includes(l)) return false;
    group.levels[band][l] += row.count;
  } else return false;
  return true;
}

function figures(g: Counts): SelfTestFigures {
  const levels = emptyLevels();
  for (const l of SELFTEST_LEVEL_VALUES) levels[l] = g.levels.adult[l] + g.levels.other[l];
  let adultCompleted = 0;
  let adultPassed = 0;
  for (const l of SELFTEST_LEVEL_VALUES) {
    adultCompleted += g.levels.adult[l];
    if (l >= SELFTEST_MEETS_LEVEL) adultPassed += g.levels.adult[l];
  }
  return {
    completed: g.completed,
    passed: g.passed,
    share: ratio(g.passed, g.completed),
    levels,
    adult: {
      completed: adultCompleted,
      levels: { ...g.levels.adult },
      passed: adultPassed,
      share: ratio(adultPassed, adultCompleted),
    },
  };
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}
