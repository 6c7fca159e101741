/**
 * Prints the kiosk's JavaScript weight from the build manifest and fails past the budgets:
 * initial JavaScript (the entry and its static imports, all needed before the home screen
 * is interactive) and all kiosk JavaScript (everything the kiosk page can load), both gzip.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Chunk, initialFiles, reachableFiles } from './lib/build-manifest.ts';

const BUDGET_INITIAL_GZIP = 25 * 1024;
const BUDGET_TOTAL_GZIP = 120 * 1024;

function gzipSize(dist: string, file: string): number {
  return gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}

function main(): void {
  const dist = process.argv[2] ?? process.env.KEPU_OUT_DIR ?? 'dist';
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    Chunk
  >;
  const initial = initialFiles(manifest);
  // The console (admin.html) is a separate page: only what the kiosk can load counts.
  const all = reachableFiles(manifest);
  const initialBytes = initial.reduce((sum, f) => sum + gzipSize(dist, f), 0);
  const totalBytes = all.reduce((sum, f) => sum + gzipSize(dist, f), 0);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const rows = [
    ['initial kiosk JavaScript (gzip)', initialBytes, BUDGET_INITIAL_GZIP],
    ['all kiosk JavaScript (gzip)', totalBytes, BUDGET_TOTAL_GZIP],
  ] as const;
  let failed = false;
  console.log('figure                            measured   budget     verdict');
  for (const [name, measured, budget] of rows) {
    const ok = measured <= budget;
    failed ||= !ok;
    console.log(`${name.padEnd(34)}${kb(measured).padEnd(11)}${kb(budget).padEnd(11)}${ok ? 'ok' : 'OVER'}`);
  }
  console.log(`initial files: ${initial.join(', ')}`);
  if (failed) {
    console.error('Kiosk JavaScript is over budget: load the heavy part lazily (see routes.tsx).');
    process.exit(1);
  }
}

main();
