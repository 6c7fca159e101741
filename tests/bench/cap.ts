/**
 * CAP ingest: how fast an XML bomb is refused and whether refusing many grows the heap, next
 * to parsing a real two-language alert. Budgets: a bomb is refused in under 1 ms, refusing
 * 2,000 of them grows the heap by under 1 MB, a real alert parses in under 5 ms.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CapError, parseCap } from '../../src/hub/cap/cap.ts';
import type { Row } from './lib.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'src', 'hub', 'cap', 'fixtures');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Milliseconds per call, median of `runs`. */
function time(fn: () => void, runs: number): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

export async function benchCap(): Promise<Row[]> {
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  const bomb = readFileSync(join(FIXTURES, 'bomb.xml'));
  const alert = readFileSync(join(FIXTURES, 'two-languages.xml'));
  const refuse = () => {
    try {
      parseCap(bomb);
      throw new Error('the bomb was accepted');
    } catch (error) {
      if (!(error instanceof CapError) || error.code !== 'XML_DTD_REFUSED') throw error;
    }
  };
  for (let i = 0; i < 200; i++) refuse();
  const bombMs = time(refuse, 2000);
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 2000; i++) refuse();
  gc();
  const growth = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  for (let i = 0; i < 50; i++) parseCap(alert);
  const alertMs = time(() => void parseCap(alert), 500);
  return [
    {
      figure: 'CAP: XML bomb (10 levels × 16) refused',
      measured: bombMs * 1000,
      budget: 1000,
      unit: 'µs',
      lowerIsBetter: true,
    },
    {
      figure: 'CAP: heap growth after refusing 2,000 bombs (after GC)',
      measured: growth,
      budget: 1,
      unit: 'MB',
      lowerIsBetter: true,
    },
    {
      figure: 'CAP: two-language alert parsed and validated',
      measured: alertMs * 1000,
      budget: 5000,
      unit: 'µs',
      lowerIsBetter: true,
    },
  ];
}
