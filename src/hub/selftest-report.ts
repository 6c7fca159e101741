import { SELFTEST_BAR } from '../protocol/quiz-mode.ts';
import type { Station, UsageRow } from './storage/store.ts';

/** What the figures mean, sent with them so no dashboard shows them without it. */
export const SELFTEST_NOTE =
  `A self-selected indicator, not a survey: residents choose to take the kiosk's anonymous ` +
  `science-literacy self-test, and this is the share of completed self-tests that met the bar ` +
  `(at least ${SELFTEST_BAR.right} of ${SELFTEST_BAR.of} answers right). It describes the self-tests ` +
  `taken, not the population, and never any one person.`;

/** Self-tests completed and meeting the bar, and their share (null when none was completed). */
export type SelfTestFigures = {
  completed: number;
  passed: number;
  share: number | null;
};

export type SelfTestRow =
  | ({ stationId: string; name: string; town: string } & SelfTestFigures)
  | ({ town: string } & SelfTestFigures);

function figures(completed: number, passed: number): SelfTestFigures {
  return {
    completed,
    passed,
    share: completed > 0 ? Math.round((passed / completed) * 10_000) / 10_000 : null,
  };
}

/**
 * Turns usage totals grouped by (station or town, metric, key) into self-test figures per
 * station or town: `quiz_complete` of `selftest` and `selftest_pass`. Other keys are ignored.
 */
export function selfTestReport(
  rows: readonly UsageRow[],
  by: 'station' | 'town',
  stations: readonly Station[],
): { rows: SelfTestRow[]; total: SelfTestFigures } {
  const groups = new Map<string, { completed: number; passed: number }>();
  for (const row of rows) {
    if (row.key !== 'selftest') continue;
    const id = (by === 'station' ? row.stationId : row.town) ?? '';
    const group = groups.get(id) ?? { completed: 0, passed: 0 };
    if (row.metric === 'quiz_complete') group.completed += row.count;
    else if (row.metric === 'selftest_pass') group.passed += row.count;
    else continue;
    groups.set(id, group);
  }
  const out: SelfTestRow[] = [...groups].map(([id, g]) => {
    if (by === 'town') return { town: id, ...figures(g.completed, g.passed) };
    const station = stations.find((s) => s.id === id);
    return {
      stationId: id,
      name: station?.name ?? '',
      town: station?.town ?? '',
      ...figures(g.completed, g.passed),
    };
  });
  const completed = out.reduce((sum, r) => sum + r.completed, 0);
  const passed = out.reduce((sum, r) => sum + r.passed, 0);
  return { rows: out, total: figures(completed, passed) };
}
